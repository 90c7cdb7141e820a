//! What a ladder says beyond its matrix: what its groups are about
//! (`[[groups]]`), its parallel tracks (`[[tracks]]`), and the cells that
//! repeat the level below (`inherit = true`), filled in once the tracks say
//! which level is below which.

use std::collections::HashMap;

use toml::Spanned;

use super::competencies::Drafted;
use super::fields::{Checker, Table, shown, suggestion};
use super::levels::LevelRead;
use super::limits::{MAX_ID_CHARS, MAX_LEVELS};
use crate::ladder::{GroupDescription, Track};
use crate::text::nfc;

impl Checker<'_> {
    /// `[[groups]]`: `{ name, description }` for groups that competencies name.
    pub(super) fn group_descriptions(&mut self, root: &Table, competencies: &[Drafted]) -> Vec<GroupDescription> {
        let Some((list, _)) = self.array(root, "groups") else { return Vec::new() };
        let named: Vec<&str> = competencies.iter().filter_map(|c| c.competency.group.as_deref()).collect();
        let mut seen = HashMap::new();
        let mut out = Vec::new();
        for (i, value) in list.iter().take(2 * super::limits::MAX_COMPETENCIES).enumerate() {
            let Some(t) = self.table(value, format!("group {}", i + 1), "{ name = \"…\", description = \"…\" }")
            else {
                continue;
            };
            self.keys(&t, &["name", "description"]);
            let name = self.required_string(&t, "name").map(|n| Spanned::new(n.span(), nfc(n.get_ref())));
            let description = self.required_string(&t, "description").map(Spanned::into_inner).unwrap_or_default();
            let Some(name) = name else { continue };
            if !named.contains(&name.get_ref().as_str()) {
                let message = format!(
                    "no competency is in group `{}`: a `[[groups]]` entry describes a group that competencies name{}",
                    shown(name.get_ref()),
                    suggestion(name.get_ref(), &named)
                );
                self.report(&name.span(), message);
                continue;
            }
            if self.unique(&mut seen, &name, "group") {
                out.push(GroupDescription { name: name.into_inner(), description });
            }
        }
        out
    }

    /// `[[tracks]]`: `{ id, title, levels = [ … ] }`. Every level is on a
    /// track, no track names a level twice, and tracks that share a level
    /// share every level before it (they may only fork, never join).
    pub(super) fn tracks(&mut self, root: &Table, levels: &[LevelRead]) -> Vec<Track> {
        let Some((list, span)) = self.array(root, "tracks") else { return Vec::new() };
        if list.is_empty() {
            self.report(&span, "`tracks` is empty; list at least one track, or leave `tracks` out".into());
            return Vec::new();
        }
        let index_of = |id: &str| levels.iter().position(|l| l.level.id.eq_ignore_ascii_case(&nfc(id)));
        let ids: Vec<&str> = levels.iter().map(|l| l.level.id.as_str()).collect();
        let mut seen = HashMap::new();
        let mut tracks: Vec<(Track, Spanned<()>)> = Vec::new();
        for (i, value) in list.iter().take(MAX_LEVELS).enumerate() {
            let example = "{ id = \"ic\", title = \"Individual contributor\", levels = [\"L1\", \"L2\"] }";
            let name = match super::competencies::named(value, "id") {
                Some(id) => format!("track `{}`", shown(id)),
                None => format!("track {}", i + 1),
            };
            let Some(t) = self.table(value, name, example) else { continue };
            self.keys(&t, &["id", "title", "levels"]);
            let id = self.required_string(&t, "id");
            if let Some(id) = &id {
                self.check_id(id, "track id");
                self.check_len(id, "track id", MAX_ID_CHARS);
                self.unique(&mut seen, id, "track id");
            }
            let title = self.required_string(&t, "title").map(Spanned::into_inner).unwrap_or_default();
            let mut track = Track { id: id.map(Spanned::into_inner).unwrap_or_default(), title, levels: Vec::new() };
            match self.array(&t, "levels") {
                Some(([], at)) => self.report(&at, format!("`levels` of {} is empty", t.name)),
                Some((names, _)) => {
                    for name in names {
                        let Some(level) = name.get_ref().as_str() else {
                            let kind = super::fields::kind_of(name.get_ref());
                            self.report(&name.span(), format!("each level of {} must be a string, not {kind}", t.name));
                            continue;
                        };
                        match index_of(level) {
                            None => {
                                let message = format!(
                                    "{} names unknown level `{}`{}",
                                    t.name,
                                    shown(level),
                                    suggestion(level, &ids)
                                );
                                self.report(&name.span(), message);
                            }
                            Some(index) if track.levels.contains(&index) => {
                                self.report(&name.span(), format!("{} names level `{level}` twice", t.name));
                            }
                            Some(index) => track.levels.push(index),
                        }
                    }
                }
                None if !t.table.contains_key("levels") => {
                    self.report(&t.span, format!("{} has no `levels`; list its levels, lowest first", t.name));
                }
                None => {}
            }
            tracks.push((track, Spanned::new(t.span.clone(), ())));
        }
        self.tracks_only_fork(&tracks, levels);
        for (index, level) in levels.iter().enumerate() {
            if !tracks.iter().any(|(t, _)| t.levels.contains(&index)) {
                let message = format!("level `{}` is on no track; add it to a track's `levels`", level.level.id);
                self.report(&level.at, message);
            }
        }
        tracks.into_iter().map(|(t, _)| t).collect()
    }

    /// Tracks that share a level share everything below it.
    fn tracks_only_fork(&mut self, tracks: &[(Track, Spanned<()>)], levels: &[LevelRead]) {
        for (i, (a, _)) in tracks.iter().enumerate() {
            for (b, at) in &tracks[i + 1..] {
                let shared = a.levels.iter().zip(&b.levels).take_while(|(x, y)| x == y).count();
                let later = b.levels[shared.min(b.levels.len())..].iter().find(|l| a.levels.contains(l));
                if let Some(&level) = later {
                    let message = format!(
                        "tracks `{}` and `{}` share level `{}` but not every level below it; tracks may share \
                         their first levels, then fork",
                        a.id, b.id, levels[level].level.id
                    );
                    self.report(&at.span(), message);
                }
            }
        }
    }

    /// Fills each `inherit = true` cell with the expectation of the level
    /// below it on its track (or the level before it, without tracks).
    pub(super) fn inherit(&mut self, levels: &mut [LevelRead], tracks: &[Track]) {
        let below = |index: usize| crate::ladder::below_on(tracks, index);
        // Each level after the one it repeats: resolved in track order, a
        // chain of inherited cells takes the cell it starts from.
        let mut order: Vec<usize> = Vec::new();
        for &level in tracks.iter().flat_map(|t| &t.levels) {
            if !order.contains(&level) {
                order.push(level);
            }
        }
        if order.is_empty() {
            order = (0..levels.len()).collect();
        }
        for index in order {
            for (competency, at) in std::mem::take(&mut levels[index].inherits) {
                let Some(from) = below(index) else {
                    let message = format!(
                        "level `{}` is the lowest of its track, so it has nothing to inherit; say what it expects",
                        levels[index].level.id
                    );
                    self.report(&at, message);
                    continue;
                };
                let mut cell = levels[from].level.expectations[competency].clone();
                if cell.is_expected() && cell.inherited_from.is_none() {
                    cell.inherited_from = Some(levels[from].level.id.clone());
                }
                levels[index].level.expectations[competency] = cell;
            }
        }
    }
}
