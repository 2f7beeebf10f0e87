//! A content file's body between parsing and resolving: packed ([`PackedBody`]), with
//! what the stages in between read of it (its heading ids, what its images name) kept
//! beside. Resolve unpacks one body at a
//! time, so an archive's bodies are never all held as nodes (at N = 100,000 they were,
//! with the files' texts, most of parse's peak, and again of resolve's while the
//! resolved bodies were made).

use rustc_hash::FxHashSet;

use crate::site::body::Node;
use crate::site::packed::PackedBody;

/// A parsed body, packed.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParsedBody {
    packed: PackedBody,
    /// The ids of its headings, which `@slug#heading` references may name.
    pub(crate) headings: FxHashSet<String>,
    /// What each of its images names (a path, or `@id`), in order: the media stage
    /// finds the files from these, and unpacks only a body that has any.
    pub(crate) images: Vec<String>,
}

impl ParsedBody {
    /// Packs the nodes of a parsed body.
    pub(crate) fn new(nodes: &[Node]) -> ParsedBody {
        ParsedBody {
            packed: PackedBody::pack(nodes),
            headings: nodes.iter().filter_map(|n| n.heading_id().map(str::to_string)).collect(),
            images: nodes
                .iter()
                .filter_map(|n| match n {
                    Node::Image(i) => Some(i.src.clone()),
                    _ => None,
                })
                .collect(),
        }
    }

    /// The nodes.
    pub(crate) fn nodes(&self) -> Vec<Node> {
        self.packed.nodes()
    }

    /// Lets `change` work on the nodes of a body that shows an image, and packs them
    /// again; a body without one is left as it is.
    pub(crate) fn change_images(&mut self, change: impl FnOnce(&mut [Node])) {
        if !self.images.is_empty() {
            let mut nodes = self.nodes();
            change(&mut nodes);
            self.packed = PackedBody::pack(&nodes);
        }
    }
}
