//! A prepared body split into what the panel draws differently:
//! Markdown runs, Obsidian callouts (`> [!type] Title`, foldable with `+`
//! or `-`), and embeds of other notes on a line of their own.

use super::LINK_SCHEME;

/// Callouts inside callouts are drawn up to this depth; deeper ones stay
/// quotes. A bound, so that no input makes the drawing recurse deeper.
const MAX_CALLOUT_DEPTH: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Markdown(String),
    Callout(Callout),
    /// `![[note]]` alone on its line: index into `Note::links`.
    Embed(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Callout {
    pub kind: CalloutKind,
    pub title: String,
    /// `None`: not foldable; `Some(open)`: foldable, starting open or not.
    pub fold: Option<bool>,
    pub body: Vec<Block>,
}

/// The callout types Obsidian knows, by the colour and icon they share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalloutKind {
    Note,
    Abstract,
    Info,
    Todo,
    Tip,
    Success,
    Question,
    Warning,
    Failure,
    Danger,
    Bug,
    Example,
    Quote,
}

impl CalloutKind {
    /// Obsidian's types and aliases, any case; unknown types look like notes.
    pub fn of(name: &str) -> CalloutKind {
        match name.to_lowercase().as_str() {
            "abstract" | "summary" | "tldr" => CalloutKind::Abstract,
            "info" => CalloutKind::Info,
            "todo" => CalloutKind::Todo,
            "tip" | "hint" | "important" => CalloutKind::Tip,
            "success" | "check" | "done" => CalloutKind::Success,
            "question" | "help" | "faq" => CalloutKind::Question,
            "warning" | "caution" | "attention" => CalloutKind::Warning,
            "failure" | "fail" | "missing" => CalloutKind::Failure,
            "danger" | "error" => CalloutKind::Danger,
            "bug" => CalloutKind::Bug,
            "example" => CalloutKind::Example,
            "quote" | "cite" => CalloutKind::Quote,
            _ => CalloutKind::Note,
        }
    }

    /// Obsidian's colours.
    pub fn rgb(self) -> [u8; 3] {
        match self {
            CalloutKind::Note | CalloutKind::Info | CalloutKind::Todo => [8, 109, 221],
            CalloutKind::Abstract | CalloutKind::Tip => [0, 191, 188],
            CalloutKind::Success => [8, 185, 78],
            CalloutKind::Question | CalloutKind::Warning => [236, 117, 0],
            CalloutKind::Failure | CalloutKind::Danger | CalloutKind::Bug => [233, 49, 71],
            CalloutKind::Example => [120, 82, 238],
            CalloutKind::Quote => [158, 158, 158],
        }
    }
}

/// Splits `text` into blocks.
pub fn split(text: &str) -> Vec<Block> {
    split_at_depth(text, 0)
}

fn split_at_depth(text: &str, depth: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut markdown = String::new();
    let mut lines = text.split_inclusive('\n').peekable();
    let mut fence: Option<&str> = None;
    let flush = |markdown: &mut String, blocks: &mut Vec<Block>| {
        if !markdown.trim().is_empty() {
            blocks.push(Block::Markdown(std::mem::take(markdown)));
        }
        markdown.clear();
    };
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            markdown.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            markdown.push_str(line);
            continue;
        }
        if let Some(index) = embed_line(trimmed) {
            flush(&mut markdown, &mut blocks);
            blocks.push(Block::Embed(index));
            continue;
        }
        match callout_head(trimmed).filter(|_| depth < MAX_CALLOUT_DEPTH) {
            Some((kind, title, fold)) => {
                flush(&mut markdown, &mut blocks);
                let mut body = String::new();
                while let Some(next) = lines.next_if(|l| l.trim_start().starts_with('>')) {
                    let inner = next.trim_start()[1..].strip_prefix(' ');
                    body.push_str(inner.unwrap_or(&next.trim_start()[1..]));
                }
                blocks.push(Block::Callout(Callout {
                    kind,
                    title,
                    fold,
                    body: split_at_depth(&body, depth + 1),
                }));
            }
            None => markdown.push_str(line),
        }
    }
    flush(&mut markdown, &mut blocks);
    blocks
}

/// `> [!type]± Title`: the kind, the title (the type's name when none is
/// given) and how it folds.
fn callout_head(line: &str) -> Option<(CalloutKind, String, Option<bool>)> {
    let rest = line.strip_prefix('>')?.trim_start().strip_prefix("[!")?;
    let close = rest.find(']')?;
    let name = &rest[..close];
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    let after = &rest[close + 1..];
    let (fold, title) = match after.chars().next() {
        Some('-') => (Some(false), &after[1..]),
        Some('+') => (Some(true), &after[1..]),
        _ => (None, after),
    };
    let title = title.trim();
    let title = if title.is_empty() {
        let mut c = name.chars();
        c.next()
            .map(|f| {
                f.to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        title.to_string()
    };
    Some((CalloutKind::of(name), title, fold))
}

/// A line that is only an embed link, `[↪ label](notegraph:link/N)`.
fn embed_line(line: &str) -> Option<usize> {
    let line = line.trim_end();
    let rest = line.strip_prefix("[↪ ")?;
    let (_, url) = rest.rsplit_once("](")?;
    let index = url.strip_suffix(')')?.strip_prefix(LINK_SCHEME)?;
    index.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callouts_with_titles_folding_and_nesting() {
        let blocks = split(
            "Intro\n\n> [!warning]- Careful\n> body line\n> > [!tip] Inner\n> > deep\n\nAfter\n> [!NOTE]\n> plain\n",
        );
        assert_eq!(blocks.len(), 4, "{blocks:#?}");
        let Block::Callout(c) = &blocks[1] else {
            panic!("{blocks:#?}")
        };
        assert_eq!(
            (c.kind, c.title.as_str(), c.fold),
            (CalloutKind::Warning, "Careful", Some(false))
        );
        assert!(matches!(&c.body[0], Block::Markdown(m) if m.contains("body line")));
        assert!(matches!(&c.body[1], Block::Callout(inner) if inner.title == "Inner"));
        let Block::Callout(n) = &blocks[3] else {
            panic!("{blocks:#?}")
        };
        assert_eq!(
            (n.kind, n.title.as_str(), n.fold),
            (CalloutKind::Note, "Note", None)
        );
    }

    #[test]
    fn fenced_code_and_quotes_stay_markdown_and_embeds_stand_alone() {
        let blocks = split("```\n> [!note] not a callout\n```\n> just a quote\n[↪ Other](notegraph:link/3)\ntext [↪ x](notegraph:link/4)\n");
        assert_eq!(blocks.len(), 3, "{blocks:#?}");
        assert!(
            matches!(&blocks[0], Block::Markdown(m) if m.contains("not a callout") && m.contains("just a quote"))
        );
        assert_eq!(blocks[1], Block::Embed(3));
        assert!(matches!(&blocks[2], Block::Markdown(m) if m.contains("link/4")));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let mut text = String::new();
        for d in 0..50 {
            text.push_str(&"> ".repeat(d));
            text.push_str("> [!note] level\n");
        }
        let mut depth = 0;
        let mut blocks = split(&text);
        while let Some(Block::Callout(c)) = blocks.first().cloned() {
            depth += 1;
            blocks = c.body;
        }
        assert!(depth <= MAX_CALLOUT_DEPTH, "{depth}");
    }
}
