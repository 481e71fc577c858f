//! What `export --format html` shows besides the graph, worked out from
//! the workspace: the window's colouring (status where it tells notes
//! apart, else topics, by `palette`'s one rule), sizes by importance, the
//! plan `order` makes (`--plan`, `--include-learned`) and the notes the
//! status overlay counts as learned (`--progress`).

use super::{find_notes, CliError};
use crate::analysis::filter::NONE_LABEL;
use crate::analysis::Facets;
use crate::export::html::{Map, Plan, Step};
use crate::palette::{self, Rule};
use crate::workspace::Workspace;

/// `--plan`, `--include-learned` and `--progress`.
pub(super) struct Study<'a> {
    pub plan: &'a [String],
    pub include_learned: bool,
    pub progress: bool,
}

impl Study<'_> {
    /// Whether any of them was given.
    pub fn asked(&self) -> bool {
        !self.plan.is_empty() || self.include_learned || self.progress
    }
}

/// The map's colours, sizes, plan and progress.
pub(super) fn map(ws: &Workspace, study: &Study) -> Result<Map, CliError> {
    let vault = &*ws.vault;
    let facets = Facets::of(vault);
    let mut map = colors(ws, &facets);
    map.radius = (vault.notes.iter())
        .map(|n| palette::importance_radius(n.frontmatter.importance, facets.importance))
        .collect();
    if !study.plan.is_empty() {
        let targets = find_notes(ws, study.plan)?;
        let plan = ws.plan(&targets, study.include_learned);
        map.plan = Some(Plan {
            targets: plan.targets.clone(),
            steps: (plan.steps.iter())
                .map(|s| Step {
                    note: s.note,
                    learned: s.learned,
                    cycle: s.cycle,
                })
                .collect(),
            implied: (plan.implied.iter())
                .map(|i| (i.note, i.by.clone()))
                .collect(),
        });
    }
    if study.progress {
        let config = ws.study_config();
        map.learned = Some(vault.notes.iter().map(|n| config.is_learned(n)).collect());
    }
    Ok(map)
}

/// Status colours where status tells notes apart, else the topics', as
/// the window colours a vault it opens.
fn colors(ws: &Workspace, facets: &Facets) -> Map {
    let vault = &*ws.vault;
    let mut statuses: Vec<(String, usize)> = (facets.statuses.iter())
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    statuses.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let counts: Vec<usize> = statuses.iter().map(|s| s.1).collect();
    let without = facets.statuses.get(NONE_LABEL).copied().unwrap_or(0);
    if palette::status_tells_notes_apart(&counts, without, vault.notes.len()) {
        let colors =
            palette::value_colors(&statuses, NONE_LABEL, Rule::Fixed(&palette::status_rgb));
        let by_label: std::collections::HashMap<&str, palette::Rgb> =
            (statuses.iter().zip(&colors))
                .map(|((l, _), c)| (l.as_str(), *c))
                .collect();
        let of = |status: Option<&str>| {
            let label = status.unwrap_or(NONE_LABEL);
            by_label.get(label).copied().unwrap_or(palette::NONE)
        };
        return Map {
            colored_by: "status".into(),
            colors: (vault.notes.iter())
                .map(|n| of(n.frontmatter.status.as_deref()))
                .collect(),
            legend: (statuses.iter().zip(&colors))
                .map(|((label, _), c)| (label.clone(), *c))
                .collect(),
            ..Map::default()
        };
    }
    let communities = ws.communities();
    let names = ws.topic_names();
    let values: Vec<(String, usize)> = (names.iter().zip(&communities.members))
        .map(|(n, m)| (n.clone(), m.len()))
        .collect();
    let colors = palette::value_colors(&values, NONE_LABEL, Rule::Community);
    Map {
        colored_by: "topic".into(),
        colors: (communities.of.iter())
            .map(|&c| colors.get(c).copied().unwrap_or(palette::NONE))
            .collect(),
        legend: (values.iter().zip(&colors))
            .filter(|((_, n), _)| *n >= 2)
            .map(|((label, _), c)| (label.clone(), *c))
            .collect(),
        ..Map::default()
    }
}
