//! The data of a calibration: units and raters, by the pinned definitions.
//!
//! A **unit** is one (person, competency, level) rating of `list --ratings`
//! in scope; its **values** are the ratings given by each rater in scope,
//! `not-yet`=1, `developing`=2, `meets`=3, `exceeds`=4. A **rater** is an
//! assessor: the person themselves for a self view, each manager, each peer.
//!
//! Peers' values of a unit are kept only where at least the anonymity floor
//! of peers rated it ([`crate::view::peers_shown`]); below it they are left
//! out of every figure, so no output depends on them. Pure.

use std::collections::HashMap;

use crate::assessment::{Found, Rating, Relationship};
use crate::text::slug;
use crate::view::{Order, order_of, peers_shown};

/// The value of a rating: 1 for `not-yet` to 4 for `exceeds`.
pub fn value(rating: Rating) -> u8 {
    match rating {
        Rating::NotYet => 1,
        Rating::Developing => 2,
        Rating::Meets => 3,
        Rating::Exceeds => 4,
    }
}

/// One value given in a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Given {
    /// The rater, an index into [`Units::raters`].
    pub rater: u32,
    /// The view it comes from, an index into the views in scope.
    pub view: u32,
    /// 1 to 4.
    pub value: u8,
}

/// One (person, competency, level) and the values it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// An index into [`Units::people`].
    pub person: u32,
    /// An index into [`Units::competencies`].
    pub competency: u32,
    /// The values, one per rater.
    pub values: Vec<Given>,
}

/// A rater: who, and as what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rater {
    /// The assessor as written in their first file in scope.
    pub name: String,
    /// Self, manager or peer.
    pub relationship: Relationship,
}

/// Everything a calibration computes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Units {
    /// The people in scope, as written in their first file.
    pub people: Vec<String>,
    /// The competency ids: the ladder's, then any other a file rates.
    pub competencies: Vec<String>,
    /// The raters who gave at least one value that is kept.
    pub raters: Vec<Rater>,
    /// The units, in the order of the views.
    pub units: Vec<Unit>,
    /// Per view: its person, relationship, current level and [`Order`].
    pub views: Vec<ViewInfo>,
    /// How many peer values were left out, below the anonymity floor.
    pub peers_left_out: usize,
}

/// What a calibration needs of one view beside its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewInfo {
    /// An index into [`Units::people`].
    pub person: u32,
    /// The rater.
    pub rater: u32,
    /// Self, manager or peer.
    pub relationship: Relationship,
    /// The person's current level, as the view says.
    pub current: String,
    /// When, by the one rule for "latest".
    pub order: Order,
}

impl Units {
    /// The units of `views` (the latest of each view in scope, see
    /// [`super::scope::latest_views`]), competencies in the order of
    /// `competencies` first, peers' values kept only where `floor` peers rated.
    pub fn of(views: &[Found], competencies: &[String], floor: usize) -> Self {
        let mut table = Units {
            people: Vec::new(),
            competencies: competencies.to_vec(),
            raters: Vec::new(),
            units: Vec::new(),
            views: Vec::with_capacity(views.len()),
            peers_left_out: 0,
        };
        let mut people: HashMap<String, u32> = HashMap::new();
        let mut raters: HashMap<(Relationship, String), u32> = HashMap::new();
        let mut ids: HashMap<String, u32> = competencies.iter().zip(0..).map(|(c, i)| (c.clone(), i)).collect();
        let mut units: HashMap<(u32, u32, &str), u32> = HashMap::new();
        for (view, found) in (0..).zip(views) {
            let a = &found.1;
            let person = index(&mut people, slug(&a.person), || table.people.push(a.person.clone()));
            let rater = index(&mut raters, (a.relationship, slug(&a.assessor)), || {
                table.raters.push(Rater { name: a.assessor.clone(), relationship: a.relationship });
            });
            table.views.push(ViewInfo {
                person,
                rater,
                relationship: a.relationship,
                current: a.current.clone(),
                order: order_of(found),
            });
            for entry in &a.ratings {
                let competency = index(&mut ids, entry.competency.clone(), || {
                    table.competencies.push(entry.competency.clone());
                });
                let unit = index(&mut units, (person, competency, entry.level.as_str()), || {
                    table.units.push(Unit { person, competency, values: Vec::new() });
                });
                let given = Given { rater, view, value: value(entry.rating) };
                let values = &mut table.units[unit as usize].values;
                // One value per rater: a file that rates a cell twice counts its last.
                match values.iter_mut().find(|g| g.rater == rater) {
                    Some(kept) => *kept = given,
                    None => values.push(given),
                }
            }
        }
        table.keep_peers_above(floor);
        table.drop_silent_raters();
        table
    }

    /// Leaves out the peers' values of every unit fewer than `floor` peers rated.
    fn keep_peers_above(&mut self, floor: usize) {
        let raters = &self.raters;
        let is_peer = |g: &Given| raters[g.rater as usize].relationship == Relationship::Peer;
        for unit in &mut self.units {
            let peers = unit.values.iter().filter(|g| is_peer(g)).count();
            if peers > 0 && !peers_shown(peers, floor) {
                unit.values.retain(|g| !is_peer(g));
                self.peers_left_out += peers;
            }
        }
    }

    /// Removes raters left with no value, renumbering the others.
    fn drop_silent_raters(&mut self) {
        let mut speaks = vec![false; self.raters.len()];
        for g in self.units.iter().flat_map(|u| &u.values) {
            speaks[g.rater as usize] = true;
        }
        let mut renumbered = vec![u32::MAX; self.raters.len()];
        let mut kept = Vec::new();
        for (i, rater) in std::mem::take(&mut self.raters).into_iter().enumerate() {
            if speaks[i] {
                renumbered[i] = u32::try_from(kept.len()).unwrap_or(u32::MAX);
                kept.push(rater);
            }
        }
        self.raters = kept;
        for g in self.units.iter_mut().flat_map(|u| &mut u.values) {
            g.rater = renumbered[g.rater as usize];
        }
        for view in &mut self.views {
            view.rater = renumbered[view.rater as usize];
        }
    }

    /// How many views gave at least one value that is kept.
    pub fn views_heard(&self) -> usize {
        let mut heard = vec![false; self.views.len()];
        for g in self.units.iter().flat_map(|u| &u.values) {
            heard[g.view as usize] = true;
        }
        heard.into_iter().filter(|h| *h).count()
    }

    /// The relationship of the rater who gave `g`.
    pub fn relationship(&self, g: &Given) -> Relationship {
        self.raters[g.rater as usize].relationship
    }
}

/// The index of `key`, adding it (and calling `add`) when new.
fn index<K: std::hash::Hash + Eq>(map: &mut HashMap<K, u32>, key: K, add: impl FnOnce()) -> u32 {
    let next = u32::try_from(map.len()).unwrap_or(u32::MAX);
    *map.entry(key).or_insert_with(|| {
        add();
        next
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::assessment::{sample, sample_entry};

    /// A view of `person` by `assessor` rating technology at TL4 and TL5.
    pub(crate) fn view(person: &str, relationship: Relationship, assessor: &str, ratings: [Rating; 2]) -> Found {
        let entries =
            vec![sample_entry("technology", "TL4", 2, ratings[0]), sample_entry("technology", "TL5", 3, ratings[1])];
        let mut a = sample("TL4", "TL5", entries);
        (a.person, a.assessor, a.relationship) = (person.into(), assessor.into(), relationship);
        (PathBuf::from(format!("{person}-{assessor}.json")), a)
    }

    #[test]
    fn a_unit_is_a_person_competency_and_level_with_one_value_per_rater() {
        use Rating::{Developing, Meets};
        use Relationship::{Manager, Myself};
        let views = vec![
            view("Ann", Myself, "Ann", [Meets, Developing]),
            view("Ann", Manager, "Kim", [Meets, Meets]),
            view("Bo", Manager, "Kim", [Developing, Developing]),
        ];
        let table = Units::of(&views, &["technology".to_owned()], 3);
        assert_eq!(table.units.len(), 4);
        assert_eq!(table.raters.len(), 2, "Kim is one rater across people");
        let ann_tl5: Vec<u8> = table.units[1].values.iter().map(|g| g.value).collect();
        assert_eq!(ann_tl5, [2, 3]);
    }

    #[test]
    fn peers_below_the_floor_leave_no_value_and_no_rater() {
        use Rating::Meets;
        use Relationship::{Myself, Peer};
        let mut views = vec![view("Ann", Myself, "Ann", [Meets, Meets])];
        views.extend(["P1", "P2"].map(|p| view("Ann", Peer, p, [Meets, Meets])));
        let table = Units::of(&views, &[], 3);
        assert_eq!((table.raters.len(), table.peers_left_out), (1, 4));
        assert!(table.units.iter().all(|u| u.values.len() == 1));
        views.push(view("Ann", Peer, "P3", [Meets, Meets]));
        let table = Units::of(&views, &[], 3);
        assert_eq!((table.raters.len(), table.peers_left_out), (4, 0));
    }
}
