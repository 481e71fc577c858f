//! The fold commands, applied: a group folded into one node, unfolded,
//! or every group of the canvas's colouring at once. Which notes a group
//! holds is `analysis::fold`'s rule; the canvas draws the result.

use super::app::App;
use super::command::{FoldCommand, Redraw};
use super::settings::ColorBy;
use crate::analysis::fold::{self, GroupBy};

/// Applies one fold command; the canvas keeps its camera and every node
/// it still shows where it is.
pub(super) fn apply(app: &mut App, command: FoldCommand) -> Redraw {
    let folded = &mut app.shared.focus.folded;
    let before = folded.clone();
    match command {
        FoldCommand::Fold(key) => {
            if !folded.contains(&key) {
                folded.push(key);
            }
        }
        FoldCommand::Unfold(key) => folded.retain(|k| *k != key),
        FoldCommand::UnfoldAll => folded.clear(),
        FoldCommand::FoldAll => {
            let Some(loaded) = app.shared.session.loaded() else {
                return Redraw::Nothing;
            };
            let by = fold_all_by(app.shared.settings.view.color_by);
            let all = fold::groups(&loaded.vault, loaded.communities(), by);
            *folded = all.into_iter().map(|(key, _)| key).collect();
            let what = match by {
                GroupBy::Community => "topics",
                GroupBy::Folder => "folders",
                GroupBy::Tag => "tags",
            };
            let n = folded.len();
            (app.shared.notices).say(format!("Folded {n} {what}: double-click one to unfold it"));
        }
    }
    if app.shared.focus.folded == before {
        return Redraw::Nothing;
    }
    app.views.canvas.keep_place_once();
    Redraw::Rebuild
}

/// What "Fold all" folds: the groups the canvas is coloured by, or its
/// topics when the colours are no groups (status, self-check, review).
pub fn fold_all_by(color_by: ColorBy) -> GroupBy {
    match color_by {
        ColorBy::Folder => GroupBy::Folder,
        ColorBy::Tag => GroupBy::Tag,
        _ => GroupBy::Community,
    }
}
