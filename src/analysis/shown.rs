//! What a view shows: the nodes that pass its filter and toggles, within
//! its focus (unless the rest is only faded), less the notes hidden. One
//! rule for the window's canvas and for `export --view`, so that a view
//! exports what it draws.
//!
//! - A note shows when the filter matches it, its frontmatter does not
//!   hide it from the graph (`graph: hide`), the user did not hide it, it
//!   is in the community shown alone (if one is), it is an orphan (with
//!   "orphans only") and it lies in the focus's region (if a focus narrows
//!   the view).
//! - A missing note (ghost) shows when missing notes are on, "orphans
//!   only" is off, it lies in the focus's region, and a shown note links
//!   to it; without a focus, only while the vault has at most `max_ghosts`
//!   of them.

use super::filter::NoteFilter;
use super::focus::FocusSet;
use crate::graph::{Node, NoteGraph};
use crate::vault::{NoteId, Vault};
use petgraph::stable_graph::NodeIndex;

/// The choices that decide what a view shows.
#[derive(Debug, Clone, Copy)]
pub struct Showing<'a> {
    pub filter: &'a NoteFilter,
    /// The focus (none active: the whole vault) and the notes hidden.
    pub focus: &'a FocusSet,
    /// How many links out from the focus's notes.
    pub depth: u8,
    /// The rest is drawn faded around the focus, not left out: the focus
    /// does not narrow what shows.
    pub fade: bool,
    /// Missing notes are shown.
    pub ghosts: bool,
    /// With "orphans only": which notes are orphans, by `NoteId`.
    pub orphans_only: Option<&'a [bool]>,
    /// Only this community shows: its number, and each note's community.
    pub community: Option<(usize, &'a [usize])>,
    /// Missing notes shown at most without a focus: past that, none.
    pub max_ghosts: usize,
}

impl<'a> Showing<'a> {
    /// The whole vault, every kind of node, as `export` writes it.
    pub fn everything(filter: &'a NoteFilter, focus: &'a FocusSet) -> Showing<'a> {
        Showing {
            filter,
            focus,
            depth: 1,
            fade: false,
            ghosts: true,
            orphans_only: None,
            community: None,
            max_ghosts: usize::MAX,
        }
    }
}

/// The model nodes `showing` shows, in the graph's order.
pub fn shown_nodes(vault: &Vault, graph: &NoteGraph, showing: &Showing) -> Vec<NodeIndex> {
    let focus = showing.focus;
    let local = (focus.shown(graph, showing.depth)).filter(|_| !showing.fade);
    let in_local = |n: NodeIndex| local.as_ref().is_none_or(|l| l.contains(&n));
    let in_community =
        |id: NoteId| (showing.community).is_none_or(|(c, of)| of.get(id) == Some(&c));
    let orphan = |id: NoteId| (showing.orphans_only).is_none_or(|o| o.get(id) == Some(&true));
    let notes_shown: Vec<bool> = (vault.notes.iter().enumerate())
        .map(|(id, note)| {
            showing.filter.matches(note)
                && !note.hidden_from_graph()
                && !focus.hidden.contains(&id)
                && in_community(id)
                && orphan(id)
                && in_local(graph.note_nodes[id])
        })
        .collect();
    let ghosts_allowed = showing.ghosts
        && showing.orphans_only.is_none()
        && (local.is_some() || graph.ghosts.len() <= showing.max_ghosts);
    (graph.graph.node_indices())
        .filter(|&n| match graph.graph[n] {
            Node::Note(id) => notes_shown[id],
            Node::Ghost(_) => {
                ghosts_allowed
                    && in_local(n)
                    && (graph.graph)
                        .neighbors_directed(n, petgraph::Direction::Incoming)
                        .any(|src| graph.note_of(src).is_some_and(|id| notes_shown[id]))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    /// a links b and a missing note; b links c; d is alone; e is hidden
    /// from the graph by its frontmatter.
    fn fixture() -> (Vault, NoteGraph) {
        let v = vault(&[
            ("a.md", "---\ntags: [x]\n---\n[[b]] [[gone]]"),
            ("b.md", "[[c]]"),
            ("c.md", ""),
            ("d.md", "---\ntags: [x]\n---\n"),
            ("e.md", "---\ngraph: hide\n---\n[[a]]"),
        ]);
        let g = NoteGraph::build(&v);
        (v, g)
    }

    fn names(v: &Vault, g: &NoteGraph, nodes: &[NodeIndex]) -> Vec<String> {
        (nodes.iter())
            .map(|&n| match g.graph[n] {
                Node::Note(id) => v.notes[id].path.clone(),
                Node::Ghost(k) => format!("?{}", g.ghosts[k].label),
            })
            .collect()
    }

    #[test]
    fn everything_is_every_note_not_hidden_and_every_ghost() {
        let (v, g) = fixture();
        let (filter, focus) = (NoteFilter::default(), FocusSet::default());
        let shown = shown_nodes(&v, &g, &Showing::everything(&filter, &focus));
        let mut got = names(&v, &g, &shown);
        got.sort();
        assert_eq!(got, ["?gone", "a.md", "b.md", "c.md", "d.md"]);
    }

    #[test]
    fn filter_focus_depth_and_hidden_narrow_it() {
        let (v, g) = fixture();
        let id = |p: &str| v.note_by_path(p).unwrap();
        let filter = NoteFilter::default();
        let focus = FocusSet::on([id("a.md")]);
        let mut showing = Showing::everything(&filter, &focus);
        let mut got = names(&v, &g, &shown_nodes(&v, &g, &showing));
        got.sort();
        assert_eq!(got, ["?gone", "a.md", "b.md"], "e links a but is hidden");
        showing.depth = 2;
        let mut got = names(&v, &g, &shown_nodes(&v, &g, &showing));
        got.sort();
        assert_eq!(got, ["?gone", "a.md", "b.md", "c.md"]);
        let mut hiding = focus.clone();
        hiding.hidden.insert(id("b.md"));
        showing.focus = &hiding;
        let mut got = names(&v, &g, &shown_nodes(&v, &g, &showing));
        got.sort();
        assert_eq!(got, ["?gone", "a.md", "c.md"]);
        // Faded, the rest shows; the hidden note still does not.
        showing.fade = true;
        let mut got = names(&v, &g, &shown_nodes(&v, &g, &showing));
        got.sort();
        assert_eq!(got, ["?gone", "a.md", "c.md", "d.md"]);
        let tagged = NoteFilter {
            tags: ["x".to_string()].into(),
            ..NoteFilter::default()
        };
        let none = FocusSet::default();
        let mut showing = Showing::everything(&tagged, &none);
        showing.ghosts = false;
        assert_eq!(
            names(&v, &g, &shown_nodes(&v, &g, &showing)),
            ["a.md", "d.md"]
        );
    }

    #[test]
    fn too_many_ghosts_show_only_in_a_focus() {
        let (v, g) = fixture();
        let filter = NoteFilter::default();
        let none = FocusSet::default();
        let mut showing = Showing::everything(&filter, &none);
        showing.max_ghosts = 0;
        let got = names(&v, &g, &shown_nodes(&v, &g, &showing));
        assert!(!got.contains(&"?gone".to_string()), "{got:?}");
        let focus = FocusSet::on([v.note_by_path("a.md").unwrap()]);
        showing.focus = &focus;
        let got = names(&v, &g, &shown_nodes(&v, &g, &showing));
        assert!(got.contains(&"?gone".to_string()), "{got:?}");
    }
}
