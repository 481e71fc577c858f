//! The one place where shared state changes: every `Command` a view
//! pushed is applied here, at the end of the frame, and a newly loaded
//! vault is installed here.

use super::app::App;
use super::command::{Command, FocusCommand, Redraw, RightTab, Side};
use super::links::{follow, Click};
use super::model::{Loaded, VaultSource};
use super::selection::{CarriedSelection, Selection};
use super::views::canvas::{positions_key, CarriedCanvas, SavedPositions};
use crate::vault::NoteId;

/// View state that survives a reload, by note path.
struct Carried {
    selection: CarriedSelection,
    canvas: CarriedCanvas,
    focus: super::focus::CarriedFocus,
    folded: Vec<crate::analysis::fold::GroupKey>,
    plan_target: Option<String>,
}

impl App {
    /// Applies every queued command.
    pub(super) fn apply(&mut self, ctx: &egui::Context) {
        let mut redraw = Redraw::Nothing;
        for command in std::mem::take(&mut self.commands) {
            redraw = redraw.max(self.apply_one(command, ctx));
        }
        // A placement colours the graph while its tab shows only.
        let placing = self.views.details.tab() == RightTab::Placement;
        if !placing && self.shared.focus.placement.take().is_some() {
            redraw = redraw.max(Redraw::Restyle);
        }
        match redraw {
            Redraw::Rebuild => self.rebuild(),
            Redraw::Restyle => self.restyle(),
            Redraw::Nothing => {}
        }
    }

    fn apply_one(&mut self, command: Command, ctx: &egui::Context) -> Redraw {
        let options = self.shared.settings.options();
        let canvas = &mut self.views.canvas;
        match command {
            Command::Select(note) => {
                self.select(note);
                return Redraw::Restyle;
            }
            Command::ClearSelection => {
                self.shared.selection.clear();
                return Redraw::Restyle;
            }
            Command::Back | Command::Forward => {
                let moved = self.shared.selection.go(command == Command::Forward);
                if let (Some(note), Some(loaded)) = (moved, self.shared.session.loaded()) {
                    canvas.centre_on(loaded.node_of(note));
                }
                return Redraw::Restyle;
            }
            Command::Open(source) => {
                self.shared.notices.message = None;
                self.shared.session.start_loading(source, options);
            }
            Command::PickFolder => self.shared.session.pick_folder(),
            Command::Reload => {
                if let Some(notice) = self.shared.session.reload_by_hand(ctx, options) {
                    self.shared.notices.say(notice);
                }
            }
            Command::SetFilter(filter) => {
                self.shared.settings.filter = filter;
                return Redraw::Rebuild;
            }
            Command::SetView(view) => {
                let rebuild = self.shared.settings.view.changes_membership(&view);
                self.shared.settings.view = view;
                return if rebuild {
                    Redraw::Rebuild
                } else {
                    Redraw::Restyle
                };
            }
            Command::SetLayout(params) => {
                self.shared.settings.layout = params;
                canvas.set_layout_params(params);
            }
            Command::Refilter => return Redraw::Rebuild,
            Command::Restyle => return Redraw::Restyle,
            Command::Fit => canvas.fit(),
            Command::Zoom(factor) => canvas.zoom_by(factor),
            Command::FitSearch => {
                if let (Some(loaded), Some(search)) =
                    (self.shared.session.loaded(), &self.shared.focus.search)
                {
                    let hits = (search.matches.iter().enumerate())
                        .filter(|(_, &hit)| hit)
                        .map(|(note, _)| loaded.node_of(note));
                    canvas.fit_to(hits.collect());
                }
            }
            Command::TogglePause => canvas.toggle_pause(),
            Command::RerunLayout => {
                canvas.rerun();
                return Redraw::Rebuild;
            }
            Command::LocalGraph(center) => {
                let focus = match center {
                    Some(c) => {
                        self.select(c);
                        FocusCommand::On(vec![c])
                    }
                    None => FocusCommand::Clear,
                };
                return super::focus::apply(self, focus);
            }
            Command::Focus(focus) => return super::focus::apply(self, focus),
            Command::Fold(fold) => return super::fold::apply(self, fold),
            Command::FocusCommunity(community) => {
                self.shared.focus.community = community;
                return Redraw::Rebuild;
            }
            Command::PlanFor(target) => {
                self.plan_for(target, true);
                // The prerequisite view draws the plan's notes only.
                let layered = self.shared.settings.view.canvas
                    == crate::gui::settings::CanvasMode::Prerequisites;
                return if layered {
                    Redraw::Rebuild
                } else {
                    Redraw::Restyle
                };
            }
            Command::PathTo(target) => {
                self.path_to(target);
                return Redraw::Restyle;
            }
            Command::OpenInEditor(note) => self.open_in_editor(note),
            Command::OpenUrl(url) => self.open_url(ctx, &url),
            Command::Unpin(note) => {
                if let Some(loaded) = self.shared.session.loaded() {
                    canvas.unpin(loaded.node_of(note));
                }
            }
            Command::UnpinAll => canvas.unpin_all(),
            Command::ShowTab(tab) => {
                self.views.details.show_tab(tab);
                // A tab asked for (a key, `--tab`) shows in its panel.
                self.shared.settings.view.show_details = true;
                if self.shared.folding.folds(Side::Details) {
                    self.shared.folding.set_opened(Side::Details, true);
                }
            }
            Command::SetPanelWidth(side, width) => {
                let view = &mut self.shared.settings.view;
                match side {
                    Side::Filters => view.filters_width = width,
                    Side::Details => view.details_width = width,
                }
            }
            Command::OpenFolded(side, open) => self.shared.folding.set_opened(side, open),
            Command::FocusSearch => self.views.filters.search.focus(),
            Command::SearchMatches(found) => {
                self.shared.focus.search = found;
                return Redraw::Restyle;
            }
            Command::ClearSearch => {
                self.views.filters.search.clear();
                self.shared.focus.search = None;
                self.shared.focus.reveal = None;
                return Redraw::Restyle;
            }
            Command::Reveal(note, text) => {
                self.select(note);
                self.shared.focus.reveal = Some((note, text));
                return Redraw::Restyle;
            }
            Command::Record(note, status) => return super::record::record(self, note, status),
            Command::Grade(note, grade) => return super::record::grade(self, note, grade),
            Command::ReviewSettings { retention, limit } => {
                let range = crate::workspace::RETENTION_RANGE;
                let settings = &mut self.shared.settings;
                settings.review_retention = retention.clamp(*range.start(), *range.end());
                settings.review_limit = limit.max(1);
            }
            Command::Placement(focus) => return self.show_placement(focus),
            Command::AcceptPlacement(notes) => {
                return super::record::accept_placement(self, &notes)
            }
            Command::UndoPlacement => return super::record::undo_placement(self),
            Command::Views(command) => return super::named::apply(self, command),
            Command::ExportGraph(format, file) => super::exporting::apply(self, format, &file),
            Command::SetEffort(defaults) => self.shared.settings.effort = defaults,
            Command::ExplicitPlans(on) => {
                self.shared.settings.explicit_plans = on;
                // "Ready now" is worked out as a vault loads; the plan now.
                self.shared.session.reload(self.shared.settings.options());
                let target = self
                    .shared
                    .focus
                    .plan
                    .as_ref()
                    .and_then(|p| p.targets.first().copied());
                if target.is_some() {
                    self.plan_for(target, false);
                }
                return Redraw::Restyle;
            }
            Command::Gitignore(on) => {
                self.shared.settings.gitignore = on;
                // What is left out is decided where a vault loads.
                self.shared.session.reload(self.shared.settings.options());
            }
            Command::LearnedFromChecks(on) => {
                self.shared.settings.learned_from_checks = on;
                // Statuses are applied where a vault loads: load it again.
                self.shared.session.reload(self.shared.settings.options());
            }
            Command::WriteToNotes(notes) => return super::record::write_to_notes(self, &notes),
            Command::TickBox {
                note,
                marker,
                ticked,
            } => return super::record::tick_box(self, note, marker, ticked),
            Command::TickBoxesInNotes(on) => self.shared.settings.tick_boxes_in_notes = on,
            Command::SelfCheckHeadings(headings) => {
                self.shared.settings.self_check_headings = headings;
                self.shared.session.reload(self.shared.settings.options());
            }
            Command::DismissError => self.shared.notices.error = None,
            Command::DismissMessage => self.shared.notices.message = None,
            Command::Notice(text) => self.shared.notices.say(text),
        }
        Redraw::Nothing
    }

    /// Selects `note` and centres the view on it; says so when filters
    /// hide it.
    pub fn select(&mut self, note: NoteId) {
        self.shared.selection.select(note);
        self.views.details.show_tab(RightTab::Note);
        let Some(loaded) = self.shared.session.loaded() else {
            return;
        };
        let node = loaded.node_of(note);
        if !self.views.canvas.contains(node) {
            self.shared.notices.say(format!(
                "“{}” is hidden by the current filters or view",
                loaded.vault.notes[note].title
            ));
        }
        self.views.canvas.centre_on(node);
    }

    /// Colours the graph by a placement; a new question's note is
    /// selected and centred, the placement's tab kept.
    fn show_placement(&mut self, focus: Option<super::context::PlacementFocus>) -> Redraw {
        let question = |f: &Option<super::context::PlacementFocus>| f.as_ref()?.question;
        let asked = question(&focus).filter(|&q| Some(q) != question(&self.shared.focus.placement));
        self.shared.focus.placement = focus;
        if let (Some(note), Some(loaded)) = (asked, self.shared.session.loaded()) {
            self.shared.selection.select(note);
            self.views.canvas.centre_on(loaded.node_of(note));
        }
        Redraw::Restyle
    }

    /// Works out the plan for `target` (none: closes it); `show` turns
    /// the panel to it.
    pub(super) fn plan_for(&mut self, target: Option<NoteId>, show: bool) {
        let loaded = self.shared.session.loaded();
        self.shared.focus.plan = target.zip(loaded).map(|(t, loaded)| {
            crate::analysis::study_plan_with_cycles(
                &loaded.vault,
                &loaded.graph,
                &[t],
                // The settings now: a toggle plans at once, before the
                // load it starts has finished.
                &self.shared.settings.study_config(),
                loaded.cycle_of(),
            )
        });
        // A plan the user asked for opens its tab and fits the view (the
        // prerequisite view draws the plan alone and fits it whole as it
        // rebuilds); one worked out again after a tick or a mark moves
        // nothing.
        let asked = self.shared.focus.plan.as_ref().zip(loaded).filter(|_| show);
        if let Some((plan, loaded)) = asked {
            self.views.details.show_tab(RightTab::Plan);
            let layered =
                self.shared.settings.view.canvas == crate::gui::settings::CanvasMode::Prerequisites;
            let notes = (plan.targets.iter()).chain(plan.steps.iter().map(|s| &s.note));
            if !layered {
                (self.views.canvas).fit_to(notes.map(|&n| loaded.node_of(n)).collect());
            }
        }
    }

    /// Finds the chain of links from the selected note to `target`.
    fn path_to(&mut self, target: Option<NoteId>) {
        let (Some(to), Some(from), Some(loaded)) = (
            target,
            self.shared.selection.selected(),
            self.shared.session.loaded(),
        ) else {
            self.shared.focus.path = None;
            return;
        };
        let steps = crate::analysis::path::shortest_path(&loaded.graph, from, to);
        if steps.is_none() {
            let (a, b) = (&loaded.names[from], &loaded.names[to]);
            (self.shared.notices).say(format!("no chain of links joins “{a}” and “{b}”"));
        }
        if let Some(steps) = &steps {
            let notes = std::iter::once(from).chain(steps.iter().map(|s| s.note));
            (self.views.canvas).fit_to(notes.map(|n| loaded.node_of(n)).collect());
        }
        self.shared.focus.path = steps.map(|steps| super::context::NotePath { from, to, steps });
    }

    fn open_in_editor(&mut self, note: NoteId) {
        let Some(loaded) = self.shared.session.loaded() else {
            return;
        };
        let message = match loaded.vault.root() {
            Some(root) => {
                let path = root.join(&loaded.vault.notes[note].path);
                let opened = open::that_detached(&path);
                opened
                    .err()
                    .map(|e| format!("cannot open {}: {e}", path.display()))
            }
            None => Some("the embedded sample vault has no files to open".into()),
        };
        if let Some(message) = message {
            self.shared.notices.say(message);
        }
    }

    /// A link clicked in the selected note: notes open here, web links in
    /// the browser, anything else is refused.
    fn open_url(&mut self, ctx: &egui::Context, url: &str) {
        let (Some(loaded), Some(current)) = (
            self.shared.session.loaded(),
            self.shared.selection.selected(),
        ) else {
            return;
        };
        let notes = loaded.vault.notes.len();
        match follow(&loaded.vault.notes[current], url, notes) {
            Click::Note(id) => self.commands.push(Command::Select(id)),
            Click::Tag(tag) => {
                let mut filter = self.shared.settings.filter.clone();
                filter.tags = std::iter::once(tag).collect();
                self.commands.push(Command::SetFilter(filter));
            }
            Click::Web => ctx.open_url(egui::OpenUrl::new_tab(url)),
            Click::Missing => {
                (self.shared.notices).say(format!("`{url}` names a note that does not exist"))
            }
            Click::Excluded(i) => {
                let path = (loaded.vault.excluded.names.get(i)).map_or(url, |n| n.path.as_str());
                let message = format!("`{path}` is left out of the graph (excluded files)");
                self.shared.notices.say(message)
            }
            Click::Refused => self.shared.notices.say(format!(
                "link not opened: `{url}` is not a note in this vault or a web address"
            )),
        }
    }

    pub(super) fn rebuild(&mut self) {
        let cx = self.shared.context(self.canvas_summary());
        self.views.canvas.rebuild(&cx);
    }

    fn restyle(&mut self) {
        let cx = self.shared.context(self.canvas_summary());
        self.views.canvas.restyle(&cx);
    }

    /// Makes `loaded` the open vault. A reload of the same vault keeps the
    /// selection, history, focus, plan and positions, by note path.
    pub(super) fn install(&mut self, loaded: Loaded) {
        let started = std::time::Instant::now();
        let shared = &mut self.shared;
        let old = shared.session.loaded();
        let same_vault = old.is_some_and(|l| l.source == loaded.source);
        if let VaultSource::Folder(path) = &loaded.source {
            shared.settings.remember_vault(path.clone());
        }
        let carried = old.filter(|_| same_vault).map(|old| {
            let path = |note: NoteId| old.vault.notes[note].path.clone();
            Carried {
                selection: shared.selection.carry_out(&old.vault),
                canvas: self.views.canvas.carry_out(old),
                focus: super::focus::carry_out(&shared.focus.set, &old.vault),
                folded: shared.focus.folded.clone(),
                plan_target: (shared.focus.plan.as_ref())
                    .and_then(|p| p.targets.first().copied())
                    .map(path),
            }
        });
        self.views.canvas.reset(!same_vault);
        if !same_vault {
            self.positions_wanted = Some(positions_key(&loaded.source));
        }
        shared.selection = Selection::default();
        shared.focus = Default::default();
        // A data folder inside the vault is said once, when it opens, and
        // stays until dismissed (a reload keeps it).
        let why = shared.session.records.kept_for_the_run(&loaded.source);
        let said = !same_vault || shared.notices.error == why;
        shared.notices.error = (loaded.data_problem.clone()).or(why.filter(|_| said));
        let (views, problem) = shared.session.records.views(&loaded.source);
        shared.named_views = views;
        if let Some(problem) = problem {
            shared
                .notices
                .say(format!("{problem}; no named views this run"));
        }
        shared.session.install(loaded);
        if let Some(carried) = carried {
            self.carry_in(carried);
        }
        self.rebuild();
        self.queue_startup();
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        log::debug!("install: the canvas's tables built in {ms:.0} ms");
    }

    fn carry_in(&mut self, carried: Carried) {
        let Some(loaded) = self.shared.session.loaded() else {
            return;
        };
        let note = |path: &String| loaded.vault.note_by_path(path);
        self.shared.selection = Selection::carry_in(carried.selection, &loaded.vault);
        self.views.canvas.carry_in(carried.canvas, loaded);
        self.shared.focus.set = super::focus::carry_in(carried.focus, &loaded.vault);
        self.shared.focus.folded = carried.folded;
        // The plan is worked out again where it is: a reload does not turn
        // the panel to it.
        let target = carried.plan_target.as_ref().and_then(note);
        if target.is_some() {
            self.plan_for(target, false);
        }
    }

    /// `--select`, `--plan` and `--view`, once the vault they name has
    /// loaded.
    fn queue_startup(&mut self) {
        let Some(loaded) = self.shared.session.loaded() else {
            return;
        };
        let find = |name: Option<String>| {
            name.and_then(|n| crate::vault::resolve::find_note(&loaded.vault.notes, &n))
        };
        if let Some(note) = find(self.startup.select.take()) {
            self.commands.push(Command::Select(note));
        }
        if let Some(note) = find(self.startup.plan.take()) {
            self.commands.push(Command::PlanFor(Some(note)));
        }
        if let Some(name) = self.startup.view.take() {
            self.startup.opened_view = self.shared.named_views.get(&name).cloned();
            let open = super::command::ViewsCommand::Open(name);
            self.commands.push(Command::Views(open));
        }
    }

    /// Starts the graph from saved positions: a reopened vault is at rest.
    pub fn restore_positions(&mut self, saved: SavedPositions) {
        let Some(loaded) = self.shared.session.loaded() else {
            return;
        };
        self.views.canvas.restore_positions(saved, loaded);
        self.rebuild();
    }
}
