//! Exit codes of every command: shared by the commands and the preview server.

/// Exit code: success.
pub const OK: i32 = 0;
/// Exit code: the content has errors.
pub const CONTENT_ERRORS: i32 = 1;
/// Exit code: the command was used wrongly.
pub const USAGE: i32 = 2;
