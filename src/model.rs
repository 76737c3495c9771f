//! The workspace's things as the core sees them: workspaces, projects and agents. The HTTP
//! layer and the demo build these; resolving, folding, budgets and renderers read them.

/// A workspace the user belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Workspace {
    pub id: String,
    pub name: String,
    pub slug: String,
}

/// A project of the workspace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Project {
    pub id: String,
    pub title: String,
    pub status: String,
}

/// An agent of the workspace, archived ones included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agent {
    pub id: String,
    pub name: String,
    pub status: String,
    pub model: String,
    pub archived: bool,
}

/// The signed-in user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub email: String,
    /// The zone stored in the user's Multica profile, if any.
    pub timezone: Option<String>,
}
