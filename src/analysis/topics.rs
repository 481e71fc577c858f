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

/// The slower half of the topic map: hubs and bridges, and link
/// suggestions (the window works them out after the vault is on screen).
pub struct TopicDetails {
    pub centrality: Centrality,
    /// The best suggestions for each note.
    pub suggestions: Vec<Vec<Suggestion>>,
    /// Milliseconds each part took: centrality, suggestions.
    pub timings_ms: [f64; 2],
}

impl Topics {
    pub fn of(vault: &Vault, graph: &NoteGraph) -> Topics {
        let (communities, net, c_ms) = Topics::communities(vault, graph);
        let details = TopicDetails::of(vault, graph, &net);
        Topics {
            communities,
            centrality: details.centrality,
            suggestions: details.suggestions,
            timings_ms: [c_ms, details.timings_ms[0], details.timings_ms[1]],
        }
    }

    /// Communities, and the network the details are worked out on, with
    /// the milliseconds the communities took.
    pub fn communities(vault: &Vault, graph: &NoteGraph) -> (Communities, NoteNetwork, f64) {
        let net = NoteNetwork::of(vault, graph);
        let t = Instant::now();
        let communities = communities_of(vault, &net);
        (communities, net, t.elapsed().as_secs_f64() * 1000.0)
    }
}

impl TopicDetails {
    pub fn of(vault: &Vault, graph: &NoteGraph, net: &NoteNetwork) -> TopicDetails {
        let t = Instant::now();
        let centrality = centrality(graph, net);
        let h_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let suggestions = suggestions(vault, net);
        let s_ms = t.elapsed().as_secs_f64() * 1000.0;
        TopicDetails {
            centrality,
            suggestions,
            timings_ms: [h_ms, s_ms],
        }
    }
}
