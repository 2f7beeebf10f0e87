//! An article's body at rest: its nodes encoded (postcard) and compressed (LZ4) into
//! one buffer, unpacked by the few pages that show it. An archive's bodies are the
//! largest part of the site model, and as nodes most of their memory is allocations of
//! a few bytes each (at N = 10,000: 1.3 million nodes, half a million text runs, about
//! 105 MB); packed they are 42 MB in 10,000 allocations.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::body::Node;

/// The nodes of a body, packed; [`PackedBody::default`] is an empty body.
#[derive(Clone, Default, Serialize, Deserialize)]
pub(crate) struct PackedBody {
    #[serde(with = "serde_bytes")]
    bytes: Box<[u8]>,
}

impl PackedBody {
    /// Packs `nodes`.
    pub(crate) fn pack(nodes: &[Node]) -> PackedBody {
        PackedBody { bytes: pack(nodes) }
    }

    /// The nodes again, as they were packed (none for an empty body).
    pub(crate) fn nodes(&self) -> Vec<Node> {
        unpack(&self.bytes)
    }
}

/// `value` encoded (postcard) and compressed (LZ4) into one buffer of exactly its size:
/// the compressor's buffer has room for the worst case, which an allocator may keep
/// when asked to shrink it in place.
pub(crate) fn pack<T: Serialize + ?Sized>(value: &T) -> Box<[u8]> {
    let encoded = postcard::to_stdvec(value).expect("what gloss packs encodes");
    Box::from(&lz4_flex::compress_prepend_size(&encoded)[..])
}

/// The value [`pack`] packed into `bytes` (the default for no bytes).
pub(crate) fn unpack<T: DeserializeOwned + Default>(bytes: &[u8]) -> T {
    if bytes.is_empty() {
        return T::default();
    }
    let encoded = lz4_flex::decompress_size_prepended(bytes).expect("a packed value unpacks");
    postcard::from_bytes(&encoded).expect("a packed value decodes")
}

impl std::fmt::Debug for PackedBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PackedBody({} bytes)", self.bytes.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::body::{Bare, ImageRef, PassageMarks, RefLink, TextRun};
    use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

    #[test]
    fn every_kind_of_node_comes_back_as_it_was_packed() {
        let mut marked = TextRun::new("Kursk, \u{430}\u{431} \"<b>\"".into(), 4_000_000, false);
        marked.marks = Some(Box::new(PassageMarks { passages: vec![0, 2], opens: vec![2] }));
        let heading = Tag::Heading {
            level: HeadingLevel::H2,
            id: Some(CowStr::from("article-4".to_string())),
            classes: vec![],
            attrs: vec![],
        };
        let nodes = vec![
            Node::Bare(Bare::Start(TagEnd::Paragraph)),
            Node::event(Event::Start(heading)),
            Node::Text(marked),
            Node::Text(TextRun::new("x = 1".into(), 12, true)),
            Node::RefOpen(Box::new(RefLink {
                id: "treaty/article-4".into(),
                fragment: Some("text".into()),
                span: 3..90,
                html_id: "m-treaty-article-4-2".into(),
                auto: true,
            })),
            Node::RefClose,
            Node::PassageEnd(7),
            Node::Image(Box::new(ImageRef {
                src: "@map".into(),
                alt: "A map".into(),
                title: String::new(),
                span: 0..12,
                figure: true,
                media: Some(3),
                item: None,
            })),
            Node::event(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced("rust".into())))),
            Node::event(Event::Html("<iframe src=\"https://example.org\"></iframe>".into())),
            Node::Bare(Bare::End(TagEnd::Paragraph)),
        ];
        let back = PackedBody::pack(&nodes).nodes();
        assert_eq!(back, nodes);
        assert!(PackedBody::default().nodes().is_empty());
    }
}
