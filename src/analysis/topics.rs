//! Every topic-map analysis of a vault at once: communities, hubs and
//! bridges, and link suggestions, sharing one undirected note network.

use super::centrality::{centrality, Centrality};
use super::communities::{communities_of, Communities, NoteNetwork};
use super::suggest::{suggestions, Suggestion};
use crate::graph::NoteGraph;
use crate::vault::Vault;
use std::time::Instant;

pub struct Topics {
    pub communities: Communities,
    pub centrality: Centrality,
    /// The best suggestions for each note.
    pub suggestions: Vec<Vec<Suggestion>>,
    /// Milliseconds each part took: communities, centrality, suggestions.
    pub timings_ms: [f64; 3],
}

impl Topics {
    pub fn of(vault: &Vault, graph: &NoteGraph) -> Topics {
        let net = NoteNetwork::of(vault, graph);
        let t = Instant::now();
        let communities = communities_of(vault, &net);
        let c_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let centrality = centrality(graph, &net);
        let h_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let suggestions = suggestions(vault, &net);
        let s_ms = t.elapsed().as_secs_f64() * 1000.0;
        Topics {
            communities,
            centrality,
            suggestions,
            timings_ms: [c_ms, h_ms, s_ms],
        }
    }
}
