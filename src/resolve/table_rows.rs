//! The rows of a body's tables, so that a mention in a table cell shows its row
//! ("Header: value · Header: value") instead of the cell's few words alone.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::site::body::{Bare, Node};
use crate::site::Excerpt;
use crate::text::{clip_end, clip_start};

/// Separator between the cells of a row in an excerpt.
const SEP: &str = " · ";

/// One table row: its cells' text, and the row of its table's header.
struct Row {
    cells: Vec<String>,
    header: usize,
}

/// Every table row of a node list, and the cell each node lies in.
pub(crate) struct Tables {
    /// For each node: the row and column of the cell holding it.
    cell_of: Vec<Option<(usize, usize)>>,
    rows: Vec<Row>,
}

impl Tables {
    /// Finds the rows and cells of `nodes`.
    pub(crate) fn of(nodes: &[Node]) -> Tables {
        let mut t = Tables { cell_of: Vec::with_capacity(nodes.len()), rows: Vec::new() };
        let (mut header, mut cell) = (0, None);
        for node in nodes {
            match node {
                Node::Event(e) if matches!(**e, Event::Start(Tag::Table(_))) => header = t.rows.len(),
                Node::Bare(Bare::Start(TagEnd::TableHead | TagEnd::TableRow)) => {
                    t.rows.push(Row { cells: Vec::new(), header });
                }
                Node::Bare(Bare::Start(TagEnd::TableCell)) => {
                    let r = t.rows.len().wrapping_sub(1);
                    if let Some(row) = t.rows.last_mut() {
                        cell = Some((r, row.cells.len()));
                        row.cells.push(String::new());
                    }
                }
                Node::Bare(Bare::End(TagEnd::TableCell)) => cell = None,
                Node::Text(run) => t.push(cell, &run.text),
                Node::Event(e) => {
                    if let Event::Text(s) | Event::Code(s) = &**e {
                        t.push(cell, s);
                    }
                }
                _ => {}
            }
            t.cell_of.push(cell);
        }
        t
    }

    fn push(&mut self, cell: Option<(usize, usize)>, text: &str) {
        if let Some((r, c)) = cell {
            self.rows[r].cells[c].push_str(text);
        }
    }

    /// A cell's text, white space collapsed, after its column's header ("Header: ").
    fn labelled(&self, r: usize, c: usize) -> String {
        let row = &self.rows[r];
        let text = collapse(&row.cells[c]);
        match self.rows[row.header].cells.get(c).map(|h| collapse(h)) {
            Some(h) if row.header != r && !h.is_empty() && !text.is_empty() => format!("{h}: {text}"),
            _ => text,
        }
    }

    /// The labelled cells of row `r` in the order of `cols`, as many as an excerpt
    /// shows (so a row of thousands of cells costs no more than a short one).
    fn cells_near(&self, r: usize, cols: impl Iterator<Item = usize>) -> Vec<String> {
        let mut out = Vec::new();
        let mut len = 0;
        for c in cols {
            if len > Excerpt::CONTEXT_CHARS {
                break;
            }
            let cell = self.labelled(r, c);
            if !cell.is_empty() {
                len += cell.chars().count() + SEP.len();
                out.push(cell);
            }
        }
        out
    }

    /// `e`, cut from the cell holding node `node`, with the rest of the cell's row
    /// around it; `e` unchanged when the node is not in a table.
    pub(crate) fn with_row(&self, node: usize, e: Excerpt) -> Excerpt {
        let Some(Some((r, c))) = self.cell_of.get(node).copied() else { return e };
        let row = &self.rows[r];
        let mut before = self.cells_near(r, (0..c).rev()).into_iter().rev().collect::<Vec<_>>().join(SEP);
        if !before.is_empty() {
            before.push_str(SEP);
        }
        let header = collapse(self.rows[row.header].cells.get(c).map_or("", String::as_str));
        if row.header != r && !header.is_empty() {
            before.push_str(&format!("{header}: "));
        }
        before.push_str(e.before());
        let mut after = e.after().to_string();
        for cell in self.cells_near(r, c + 1..row.cells.len()) {
            after.push_str(SEP);
            after.push_str(&cell);
        }
        Excerpt::new(&clip_start(&before, Excerpt::CONTEXT_CHARS), e.hit(), &clip_end(&after, Excerpt::CONTEXT_CHARS))
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
