//! The levels of an assessment: the current level named, the target named
//! or the next one (on the track named, where the ladder has tracks).

use crate::error::{Error, Result};
use crate::ladder::LevelRef;
use crate::ladder::catalog::{Catalog, LevelAt};

/// A level of `ladder` (or `LADDER:LEVEL`, or a level of another ladder), named by `key`.
pub(super) fn level(catalog: &mut Catalog, ladder: usize, name: &str, key: &str) -> Result<LevelAt> {
    catalog
        .find_level_in(ladder, name)
        .or_else(|scoped| catalog.find_level(name).map_err(|_| scoped))
        .map_err(|e| Error::Usage(format!("{key}: {e}")))
}

pub(super) fn target(
    catalog: &mut Catalog,
    ladder: usize,
    current: LevelAt,
    name: Option<&str>,
    track: Option<&str>,
) -> Result<LevelAt> {
    let target = match name {
        Some(name) => level(catalog, ladder, name, "--target")?,
        None => (current.0, next_level(catalog.level(current), track)?.index),
    };
    let (from, to) = (catalog.level(current), catalog.level(target));
    from.ladder.shares_shape_with(to.ladder).map_err(|reason| {
        Error::Usage(format!("--target: {} cannot be a target from {}: {reason}", to.qualified(), from.qualified()))
    })?;
    Ok(target)
}

/// The level after `here`: on `track` when one is named, else the next
/// level, which a fork of tracks leaves to be chosen.
pub(super) fn next_level<'a>(here: LevelRef<'a>, track: Option<&str>) -> Result<LevelRef<'a>> {
    let ladder = here.ladder;
    if let Some(id) = track {
        let Some(track) = ladder.track(id) else {
            let known: Vec<&str> = ladder.tracks.iter().map(|t| t.id.as_str()).collect();
            let known = if known.is_empty() {
                "it has none".to_owned()
            } else {
                format!("its tracks are {}", known.join(", "))
            };
            return Err(Error::Usage(format!("--track: ladder `{}` has no track `{id}`; {known}", ladder.id)));
        };
        return here.next_on(track).ok_or_else(|| {
            let why = if track.levels.contains(&here.index) { "is the top of" } else { "is not on" };
            Error::Usage(format!(
                "--track: {} {why} track `{}`; name a target with --target LEVEL",
                here.level().id,
                track.id
            ))
        });
    }
    if let Some(next) = here.next() {
        return Ok(next);
    }
    let forks: Vec<String> = here
        .onward()
        .into_iter()
        .map(|(t, n)| format!("{} on track `{}` ({}, --track {})", n.level().id, t.id, t.title, t.id))
        .collect();
    Err(Error::Usage(if forks.is_empty() {
        format!("--target: {} is the top level of {}; name a target with --target LEVEL", here.level().id, ladder.id)
    } else {
        format!(
            "--target: the tracks of {} fork after {}: the next level is {}; choose with --track or --target",
            ladder.id,
            here.level().id,
            forks.join(", or ")
        )
    }))
}

/// The track an assessment from `current` to `target` follows: the one
/// named, else the one track that holds both levels, first in the file.
pub(super) fn track_of(current: LevelRef<'_>, target: LevelRef<'_>, named: Option<&str>) -> Option<String> {
    let ladder = target.ladder;
    if ladder.tracks.is_empty() || current.ladder.id != ladder.id {
        return None;
    }
    if let Some(track) = named.and_then(|id| ladder.track(id)) {
        return Some(track.id.clone());
    }
    let holds = |t: &&crate::ladder::Track| t.levels.contains(&current.index) && t.levels.contains(&target.index);
    ladder.tracks.iter().find(holds).or_else(|| ladder.tracks_of(target.index).into_iter().next()).map(|t| t.id.clone())
}
