//! Turning what the user typed into server ids: workspaces by slug, UUID or UUID prefix,
//! projects by title, UUID or UUID prefix. A UUID may be written without its dashes, as the
//! server accepts it. Pure: the lists are passed in.

use crate::error::{not_found, usage_err, Error};
use crate::model::{Agent, Project, Workspace};
use crate::sanitize::{quoted, terminal_safe};

/// A UUID's 32 hex digits, lowercase, dashes dropped: how ids and prefixes are compared.
fn hex_digits(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What the user typed may be a UUID prefix: 4+ hex digits, dashes allowed.
fn is_prefix(w: &str) -> bool {
    hex_digits(w).len() >= 4 && w.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// The same UUID, with or without dashes, in any case.
fn same_id(id: &str, w: &str) -> bool {
    is_prefix(w) && hex_digits(id).len() == 32 && hex_digits(id) == hex_digits(w)
}

fn id_starts_with(id: &str, w: &str) -> bool {
    is_prefix(w) && hex_digits(id).starts_with(&hex_digits(w))
}

/// Finds the workspace named by `wanted`: UUID (dashes optional), slug (case-insensitive), or
/// UUID prefix of 4+ hex characters. More than one match by prefix is a usage error.
pub fn workspace<'a>(list: &'a [Workspace], wanted: &str) -> Result<&'a Workspace, Error> {
    let w = wanted.trim();
    if let Some(ws) = list.iter().find(|ws| same_id(&ws.id, w)) {
        return Ok(ws);
    }
    // A slug may look like hex ("cafe"): the slug wins over a prefix.
    if let Some(ws) = list.iter().find(|ws| ws.slug.eq_ignore_ascii_case(w)) {
        return Ok(ws);
    }
    let by_prefix: Vec<&Workspace> = list.iter().filter(|ws| id_starts_with(&ws.id, w)).collect();
    let names = |l: &mut dyn Iterator<Item = &Workspace>| -> Vec<String> {
        l.map(|ws| format!("{} ({})", terminal_safe(&ws.slug), terminal_safe(&ws.name)))
            .collect()
    };
    match by_prefix.as_slice() {
        [one] => Ok(one),
        [] => {
            let all = names(&mut list.iter());
            let hint = if all.is_empty() {
                "your account belongs to no workspace yet".to_string()
            } else {
                format!("your workspaces: {}", all.join(", "))
            };
            Err(not_found(format!("workspace {} not found", quoted(w))).hint(hint))
        }
        many => {
            let c: Vec<String> = many
                .iter()
                .map(|ws| format!("{} ({})", terminal_safe(&ws.slug), ws.id))
                .collect();
            Err(usage_err(format!(
                "workspace {} is ambiguous: {}",
                quoted(w),
                c.join(", ")
            ))
            .hint("pass the workspace's slug or UUID, or a longer prefix"))
        }
    }
}

/// Finds a project by UUID, title (case-insensitive) or UUID prefix of 4+ hex characters.
/// Unknown → not found with the closest titles; more than one match → usage error listing them.
pub fn project<'a>(list: &'a [Project], wanted: &str) -> Result<&'a Project, Error> {
    let w = wanted.trim();
    if let Some(p) = list
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(w) || same_id(&p.id, w))
    {
        return Ok(p);
    }
    let by_title: Vec<&Project> = list
        .iter()
        .filter(|p| p.title.trim().to_lowercase() == w.to_lowercase())
        .collect();
    let by_prefix: Vec<&Project> = list.iter().filter(|p| id_starts_with(&p.id, w)).collect();
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

/// Finds an agent by id, name (case-insensitive) or id prefix of 4+ hex characters, with the
/// project rules: unknown → not found with the closest names; two matches → ambiguous.
pub fn agent<'a>(list: &'a [Agent], wanted: &str) -> Result<&'a Agent, Error> {
    let w = wanted.trim();
    if let Some(a) = list
        .iter()
        .find(|a| a.id.eq_ignore_ascii_case(w) || same_id(&a.id, w))
    {
        return Ok(a);
    }
    let mut found: Vec<&Agent> = list
        .iter()
        .filter(|a| a.name.trim().to_lowercase() == w.to_lowercase())
        .collect();
    for a in list.iter().filter(|a| id_starts_with(&a.id, w)) {
        if !found.iter().any(|f| f.id == a.id) {
            found.push(a);
        }
    }
    found.dedup_by(|a, b| a.id == b.id);
    match found.len() {
        1 => Ok(found[0]),
        0 => {
            let close = closest(list.iter().map(|a| a.name.as_str()), w, 3);
            let hint = if close.is_empty() {
                "`usage agents` lists the workspace's agents".to_string()
            } else {
                format!(
                    "did you mean: {}? (`usage agents` lists them all)",
                    close.join(", ")
                )
            };
            Err(not_found(format!("agent {} not found", quoted(w))).hint(hint))
        }
        _ => {
            let c: Vec<String> = found
                .iter()
                .map(|a| format!("{} ({})", terminal_safe(&a.name), a.id))
                .collect();
            Err(usage_err(format!(
                "agent {} is ambiguous: {}",
                quoted(w),
                c.join(", ")
            ))
            .hint("pass the agent's id, or a longer prefix"))
        }
    }
}

/// Up to `n` titles nearest to `wanted` by edit distance (case-insensitive), nearest first.
pub fn closest_titles(list: &[Project], wanted: &str, n: usize) -> Vec<String> {
    closest(list.iter().map(|p| p.title.as_str()), wanted, n)
}

/// Up to `n` of `names` nearest to `wanted` by edit distance (case-insensitive), quoted.
fn closest<'a>(names: impl Iterator<Item = &'a str>, wanted: &str, n: usize) -> Vec<String> {
    let w = wanted.to_lowercase();
    let mut scored: Vec<(usize, &str)> = names
        .map(|title| {
            let t = title.to_lowercase();
            let d = if t.contains(&w) || w.contains(&t) {
                0
            } else {
                levenshtein(&t, &w)
            };
            (d, title)
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
    use super::agent as agent_of;
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

    fn workspaces() -> Vec<Workspace> {
        [
            ("11111111-2222-4333-8444-555555555555", "acme"),
            ("11119999-2222-4333-8444-555555555555", "beta"),
            ("cafe0000-2222-4333-8444-555555555555", "cafe"),
            ("dddd0000-2222-4333-8444-555555555555", "dddd1111"),
        ]
        .iter()
        .map(|(id, slug)| Workspace {
            id: id.to_string(),
            name: slug.to_uppercase(),
            slug: slug.to_string(),
        })
        .collect()
    }

    #[test]
    fn workspace_by_prefix_and_undashed_uuid() {
        let l = workspaces();
        assert_eq!(workspace(&l, "1111-1111").unwrap().slug, "acme");
        assert_eq!(workspace(&l, "11119").unwrap().slug, "beta");
        assert_eq!(
            workspace(&l, "11111111222243338444555555555555")
                .unwrap()
                .slug,
            "acme"
        );
        assert_eq!(
            workspace(&l, "11119999222243338444555555555555")
                .unwrap()
                .slug,
            "beta"
        );
        // A slug that looks like hex is the slug, not a prefix of another id.
        assert_eq!(workspace(&l, "dddd1111").unwrap().slug, "dddd1111");
        assert_eq!(workspace(&l, "cafe").unwrap().slug, "cafe");
        let e = workspace(&l, "1111").unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
        assert!(e.message.contains("acme") && e.message.contains("beta"));
        assert_eq!(workspace(&l, "111").unwrap_err().kind, Kind::NotFound);
    }

    #[test]
    fn agents_resolve_like_projects() {
        let agent = |id: &str, name: &str| Agent {
            id: id.into(),
            name: name.into(),
            ..Agent::default()
        };
        let list = [
            agent("a1000000-0000-4000-8000-000000000001", "Reviewer"),
            agent("a2000000-0000-4000-8000-000000000002", "Builder"),
            agent("a3000000-0000-4000-8000-000000000003", "builder"),
        ];
        assert_eq!(agent_of(&list, " REVIEWER ").unwrap().id, list[0].id);
        assert_eq!(agent_of(&list, "a200").unwrap().name, "Builder");
        assert_eq!(
            agent_of(&list, &list[2].id.to_uppercase()).unwrap().id,
            list[2].id
        );
        let e = agent_of(&list, "builder").unwrap_err();
        assert_eq!(
            e.kind,
            crate::error::Kind::Usage,
            "two agents share the name"
        );
        assert!(e.message.contains(&list[1].id) && e.message.contains(&list[2].id));
        let e = agent_of(&list, "Reviewr").unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::NotFound);
        assert!(e.hint.unwrap().contains("\"Reviewer\""));
    }

    #[test]
    fn project_by_undashed_uuid_and_prefix() {
        let l = projects();
        assert_eq!(
            project(&l, "0A1B9999000040008000000000000002")
                .unwrap()
                .title,
            "Frontend"
        );
        assert_eq!(project(&l, "0a1b2c3d0000").unwrap().title, "Backend");
    }
}
