//! `usage pricing explain`: each candidate name a model is tried under and the rows bearing
//! it, the row that matched, and when none did, the nearest known names. Pure.

use std::cmp::Reverse;

use super::matching::{traced, Candidate, Rule};
use super::{Match, PriceRow, PriceTable};

#[derive(Debug)]
pub struct Step<'a> {
    pub candidate: Candidate,
    pub user: Option<&'a PriceRow>,
    pub builtin: Option<&'a PriceRow>,
}

#[derive(Debug)]
pub struct Explanation<'a> {
    pub steps: Vec<Step<'a>>,
    /// The lookup's answer; `candidate_index` indexes `steps`.
    pub matched: Option<Match<'a>>,
    /// When nothing matched: known names close to the candidates, closest first.
    pub nearest: Vec<&'a str>,
}

const NEAREST: usize = 5;

pub fn explain<'a>(table: &'a PriceTable, model: &str, provider: &str) -> Explanation<'a> {
    let steps: Vec<Step<'a>> = traced(model, provider)
        .into_iter()
        .map(|candidate| {
            let (user, builtin) = table.rows_named(&candidate.name);
            Step {
                candidate,
                user,
                builtin,
            }
        })
        .collect();
    let matched = table.lookup(model, provider);
    let nearest = if matched.is_none() {
        nearest(table, &steps)
    } else {
        Vec::new()
    };
    Explanation {
        steps,
        matched,
        nearest,
    }
}

/// Keys within an edit distance of half a candidate's length, closest first, then by the
/// longest shared prefix. Qualified forms are left out: they only add the provider's name.
fn nearest<'a>(table: &'a PriceTable, steps: &[Step<'_>]) -> Vec<&'a str> {
    let names: Vec<Vec<char>> = steps
        .iter()
        .filter(|s| !matches!(s.candidate.rule, Rule::Qualified | Rule::Vendor))
        .map(|s| s.candidate.name.chars().collect())
        .collect();
    let mut scored: Vec<(usize, Reverse<usize>, &str)> = table
        .rows()
        .into_iter()
        .filter_map(|row| {
            let key: Vec<char> = row.key.chars().collect();
            names
                .iter()
                .filter_map(|name| {
                    let d = distance(name, &key);
                    (d <= name.len() / 2).then(|| (d, Reverse(common_prefix(name, &key))))
                })
                .min()
                .map(|(d, p)| (d, p, row.key.as_str()))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(NEAREST)
        .map(|(_, _, k)| k)
        .collect()
}

/// Levenshtein distance.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

fn common_prefix(a: &[char], b: &[char]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::{Origin, Rates};

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(distance(&chars(""), &chars("abc")), 3);
        assert_eq!(distance(&chars("gpt-5.5-mini"), &chars("gpt-5.4-mini")), 1);
    }

    #[test]
    fn matched_step_is_the_lookups() {
        let t = PriceTable::builtin();
        let e = explain(&t, "claude-sonnet-4-5-20250929", "claude");
        let m = e.matched.unwrap();
        let step = &e.steps[m.candidate_index];
        assert_eq!(step.candidate.name, "claude-sonnet-4-5");
        assert_eq!(step.candidate.rule, Rule::NoDate);
        assert_eq!(step.builtin, Some(m.row));
        assert!(e.nearest.is_empty());
    }

    #[test]
    fn unmatched_lists_close_names_but_never_uses_them() {
        let t = PriceTable::builtin();
        let e = explain(&t, "gpt-5.5-mini", "codex");
        assert!(e.matched.is_none());
        assert!(e
            .steps
            .iter()
            .all(|s| s.user.is_none() && s.builtin.is_none()));
        assert!(e.nearest.contains(&"gpt-5.4-mini"), "{:?}", e.nearest);
        assert!(e.nearest.len() <= NEAREST);
    }

    #[test]
    fn user_rows_are_seen_next_to_builtin_ones() {
        let t = PriceTable::builtin().with_user_rows([PriceRow {
            key: "gpt-5".into(),
            rates: Rates {
                input: Some(1.0),
                ..Rates::default()
            },
            origin: Origin::User("p.toml".into()),
        }]);
        let e = explain(&t, "gpt-5", "");
        assert!(e.steps[0].user.is_some() && e.steps[0].builtin.is_some());
        assert_eq!(e.matched.unwrap().row.origin, Origin::User("p.toml".into()));
    }
}
