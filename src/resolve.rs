//! Turning what the user typed into server ids: workspaces by slug or UUID, projects by title,
//! UUID or UUID prefix. Pure: the lists are passed in.

use crate::error::{not_found, usage_err, Error};
use crate::model::{Project, Workspace};
use crate::sanitize::{quoted, terminal_safe};

/// Finds the workspace named by `wanted` (UUID or slug, case-insensitive).
pub fn workspace<'a>(list: &'a [Workspace], wanted: &str) -> Result<&'a Workspace, Error> {
    let w = wanted.trim();
    list.iter()
        .find(|ws| ws.id.eq_ignore_ascii_case(w) || ws.slug.eq_ignore_ascii_case(w))
        .ok_or_else(|| {
            let names: Vec<String> = list
                .iter()
                .map(|ws| format!("{} ({})", terminal_safe(&ws.slug), terminal_safe(&ws.name)))
                .collect();
            let hint = if names.is_empty() {
                "your account belongs to no workspace yet".to_string()
            } else {
                format!("your workspaces: {}", names.join(", "))
            };
            not_found(format!("workspace {} not found", quoted(w))).hint(hint)
        })
}

/// Finds a project by UUID, title (case-insensitive) or UUID prefix of 4+ hex characters.
/// Unknown → not found with the closest titles; more than one match → usage error listing them.
pub fn project<'a>(list: &'a [Project], wanted: &str) -> Result<&'a Project, Error> {
    let w = wanted.trim();
    if let Some(p) = list.iter().find(|p| p.id.eq_ignore_ascii_case(w)) {
        return Ok(p);
    }
    let by_title: Vec<&Project> = list
        .iter()
        .filter(|p| p.title.trim().to_lowercase() == w.to_lowercase())
        .collect();
    let is_prefix = w.len() >= 4 && w.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    let by_prefix: Vec<&Project> = if is_prefix {
        let lw = w.to_ascii_lowercase();
        list.iter()
            .filter(|p| p.id.to_ascii_lowercase().starts_with(&lw))
            .collect()
    } else {
        Vec::new()
    };
    let mut found = by_title;
    for p in by_prefix {
        if !found.iter().any(|f| f.id == p.id) {
            found.push(p);
        }
    }
    match found.len() {
        1 => Ok(found[0]),
        0 => {
            let close = closest_titles(list, w, 3);
            let hint = if close.is_empty() {
                "`usage projects` lists the workspace's projects".to_string()
            } else {
                format!(
                    "did you mean: {}? (`usage projects` lists them all)",
                    close.join(", ")
                )
            };
            Err(not_found(format!("project {} not found", quoted(w))).hint(hint))
        }
        _ => {
            let c: Vec<String> = found
                .iter()
                .map(|p| format!("{} ({})", terminal_safe(&p.title), p.id))
                .collect();
            Err(usage_err(format!(
                "project {} is ambiguous: {}",
                quoted(w),
                c.join(", ")
            ))
            .hint("pass the project's UUID, or a longer prefix"))
        }
    }
}

/// Up to `n` titles nearest to `wanted` by edit distance (case-insensitive), nearest first.
pub fn closest_titles(list: &[Project], wanted: &str, n: usize) -> Vec<String> {
    let w = wanted.to_lowercase();
    let mut scored: Vec<(usize, &str)> = list
        .iter()
        .map(|p| {
            let t = p.title.to_lowercase();
            let d = if t.contains(&w) || w.contains(&t) {
                0
            } else {
                levenshtein(&t, &w)
            };
            (d, p.title.as_str())
        })
        .filter(|(d, t)| *d <= (t.chars().count().max(w.chars().count()) / 2).max(2))
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, t)| quoted(t)).collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;

    fn projects() -> Vec<Project> {
        [
            ("0a1b2c3d-0000-4000-8000-000000000001", "Backend"),
            ("0a1b9999-0000-4000-8000-000000000002", "Frontend"),
            ("77777777-0000-4000-8000-000000000003", "Backend API"),
        ]
        .iter()
        .map(|(id, t)| Project {
            id: id.to_string(),
            title: t.to_string(),
            status: String::new(),
        })
        .collect()
    }

    #[test]
    fn by_title_uuid_and_prefix() {
        let l = projects();
        assert_eq!(project(&l, "backend").unwrap().title, "Backend");
        assert_eq!(project(&l, "7777").unwrap().title, "Backend API");
        assert_eq!(
            project(&l, "0A1B9999-0000-4000-8000-000000000002")
                .unwrap()
                .title,
            "Frontend"
        );
    }

    #[test]
    fn unknown_and_ambiguous() {
        let l = projects();
        let e = project(&l, "Backnd").unwrap_err();
        assert_eq!(e.kind, Kind::NotFound);
        assert!(e.hint.unwrap().contains("\"Backend\""));
        let e = project(&l, "0a1b").unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
        assert!(e.message.contains("Backend") && e.message.contains("Frontend"));
        // Three characters is never a prefix.
        assert_eq!(project(&l, "0a1").unwrap_err().kind, Kind::NotFound);
    }

    #[test]
    fn workspace_by_slug_or_id() {
        let l = vec![Workspace {
            id: "11111111-2222-4333-8444-555555555555".into(),
            name: "Acme".into(),
            slug: "acme".into(),
        }];
        assert_eq!(workspace(&l, "ACME").unwrap().name, "Acme");
        assert_eq!(
            workspace(&l, "11111111-2222-4333-8444-555555555555")
                .unwrap()
                .slug,
            "acme"
        );
        let e = workspace(&l, "nope").unwrap_err();
        assert_eq!(e.kind, Kind::NotFound);
        assert!(e.hint.unwrap().contains("acme (Acme)"));
    }
}
