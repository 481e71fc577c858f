//! Every topic-map analysis of a vault at once: communities, hubs and
//! bridges, and link suggestions, sharing one undirected note network.

use super::centrality::{centrality, Centrality};
use super::communities::{communities_named, Communities, NoteNetwork};
use super::suggest::{suggestions, Suggestion};
use crate::graph::NoteGraph;
use crate::vault::Vault;
use std::time::Instant;

pub struct Topics {
    pub communities: Communities,
    pub centrality: Centrality,
    /// The best suggestions for each note.
    pub suggestions: Vec<Vec<Suggestion>>,
}

/// The slower half of the topic map: hubs and bridges, and link
/// suggestions (the window works them out after the vault is on screen).
pub struct TopicDetails {
    pub centrality: Centrality,
    /// The best suggestions for each note.
    pub suggestions: Vec<Vec<Suggestion>>,
}

impl Topics {
    pub fn of(vault: &Vault, graph: &NoteGraph) -> Topics {
        let (communities, net) = Topics::communities(vault, graph);
        let details = TopicDetails::of(vault, graph, &net);
        Topics {
            communities,
            centrality: details.centrality,
            suggestions: details.suggestions,
        }
    }

    /// Communities, and the network the details are worked out on.
    pub fn communities(vault: &Vault, graph: &NoteGraph) -> (Communities, NoteNetwork) {
        Topics::communities_named(vault, graph, &super::names::display_names(vault))
    }

    /// `communities`, with every note's display name already worked out.
    pub fn communities_named(
        vault: &Vault,
        graph: &NoteGraph,
        display: &[String],
    ) -> (Communities, NoteNetwork) {
        let net = NoteNetwork::of(vault, graph);
        let communities = timed("communities", || communities_named(vault, &net, display));
        (communities, net)
    }
}

impl TopicDetails {
    pub fn of(vault: &Vault, graph: &NoteGraph, net: &NoteNetwork) -> TopicDetails {
        TopicDetails {
            centrality: timed("centrality", || centrality(graph, net)),
            suggestions: timed("suggestions", || suggestions(vault, net)),
        }
    }
}

/// Runs `part` and logs how long it took (`RUST_LOG=notegraph=debug`):
/// the results themselves carry no time, so that two runs give the same.
fn timed<T>(what: &str, part: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = part();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    log::debug!("analyze: {what} {ms:.1} ms");
    result
}
