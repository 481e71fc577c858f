//! The window's choices a command line can name (`--theme`, `--color`,
//! `--tab`), or a named view keeps (sizes, the canvas's drawing): the
//! enums themselves, so that `--help` lists their values from here and the
//! window's menus show the same set.

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

/// Light or dark, or whatever the desktop says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ValueEnum)]
pub enum Theme {
    #[default]
    System,
    Dark,
    Light,
}

/// What the nodes' colours say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ValueEnum)]
pub enum ColorBy {
    #[default]
    Status,
    /// The note's first tag.
    Tag,
    Folder,
    /// Topics found by community detection.
    Community,
    /// How much of each note's own self-check is ticked.
    SelfCheck,
    /// Where each note stands with its reviews: due, due this week,
    /// reviewed, never reviewed.
    Review,
}

impl ColorBy {
    pub const ALL: [ColorBy; 6] = [
        ColorBy::Status,
        ColorBy::Tag,
        ColorBy::Folder,
        ColorBy::Community,
        ColorBy::SelfCheck,
        ColorBy::Review,
    ];

    /// The name shown in the colour menu.
    pub fn label(self) -> &'static str {
        match self {
            ColorBy::Status => "status",
            ColorBy::Tag => "first tag",
            ColorBy::Folder => "folder",
            ColorBy::Community => "community",
            ColorBy::SelfCheck => "self-check",
            ColorBy::Review => "review",
        }
    }
}

/// What the nodes' sizes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum SizeBy {
    #[default]
    Importance,
    Links,
}

/// What the canvas draws: the force layout of links, or the layered view
/// of prerequisites (foundations left, advanced topics right).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum CanvasMode {
    #[default]
    Force,
    Prerequisites,
}

/// The tabs of the details panel beside the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum RightTab {
    #[default]
    Note,
    Problems,
    Plan,
    Progress,
    /// The notes due for review today, one card at a time.
    Review,
    /// "What do I know?": a few questions that place the learner on the
    /// map, and the proposal they lead to.
    Placement,
}
