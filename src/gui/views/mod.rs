//! The window's views, one module each. A view owns its state, reads a
//! `ViewContext` and pushes `Command`s; it never changes shared state.
//! To add a view: write its module here, then give it a field in `Views`
//! and a call in `App::ui` (gui/app.rs), the one place views are drawn.

pub mod bars;
mod body;
pub mod canvas;
mod community;
pub mod details;
pub mod export_menu;
pub mod filters;
pub mod focus;
pub mod legend;
mod memo;
pub mod named_views;
pub mod picker;
pub mod placement;
pub mod plan;
pub mod problems;
pub mod progress;
pub mod reader;
mod record;
mod related;
pub mod review;
pub mod review_chart;
pub mod search;
mod selfcheck;
pub mod side;
mod standing;
mod topic;
mod widgets;

/// The state of every view.
#[derive(Default)]
pub struct Views {
    pub bars: bars::BarsView,
    pub filters: filters::FiltersView,
    pub details: details::DetailsView,
    pub canvas: canvas::CanvasView,
    pub legend: legend::LegendView,
    pub named: named_views::NamedViewsView,
    pub export: export_menu::ExportMenu,
}
