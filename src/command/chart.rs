//! `rungs chart`: an assessment as an SVG radar chart.

use crate::chart::{Radar, svg};
use crate::cli::ChartArgs;
use crate::collection::resolve;
use crate::config::Settings;
use crate::documents::radar::radar;
use crate::error::Result;
use crate::output::skipped;

/// Runs `rungs chart`.
///
/// # Errors
/// An unknown assessment, or an output file that cannot be written.
pub fn run(settings: &Settings, args: &ChartArgs) -> Result<()> {
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    let name = crate::who::named_or_you(&store, args.assessment.as_deref());
    let found = resolve(&store, name.as_deref(), &args.view.filter())?;
    let score = crate::scoring::score(&found.assessment);
    // On its own, the chart names whose assessment it is, and of when.
    let radar = Radar { heading: true, ..radar(&found.assessment, &score, &catalog) };
    crate::output::export_out(settings, &store, args.output.as_deref(), &svg(&radar))?;
    skipped(settings, &found.problems)
}
