//! A card as SVG, rasterised by resvg: the drawing for text whose script needs
//! shaping (joined letters, right-to-left lines, combining marks), which resvg does.

use std::sync::{Arc, OnceLock};

use resvg::usvg::{self, fontdb};

use super::layout::{FaceId, Ink, Run, BAR, PAPER};
use super::{HEIGHT, WIDTH};
use crate::text::escape_html;

/// The runs as an SVG drawing.
pub(super) fn drawing(runs: &[Run]) -> String {
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\">\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"{}\"/><rect width=\"{BAR}\" height=\"{HEIGHT}\" fill=\"{}\"/>",
        hex(PAPER),
        hex(Ink::Accent.rgb())
    );
    for run in runs {
        let (family, bold) = run.face.family();
        let weight = if bold { " font-weight=\"bold\"" } else { "" };
        let spacing = if run.spacing > 0.0 { format!(" letter-spacing=\"{}\"", run.spacing) } else { String::new() };
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-family=\"{family}\"{weight} font-size=\"{}\" fill=\"{}\"{spacing}>{}</text>",
            run.x,
            run.y,
            run.size,
            hex(run.ink.rgb()),
            escape_html(&run.text)
        ));
    }
    s.push_str("</svg>");
    s
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The drawing `svg` rasterised and encoded as an RGB PNG.
pub(super) fn rasterise(svg: &str) -> Result<Vec<u8>, String> {
    let options = usvg::Options { fontdb: fonts().clone(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("no memory for the card")?;
    resvg::render(&tree, resvg::tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    super::png(&rgb, |encoder| {
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Balanced);
    })
}

/// The embedded faces as resvg's font database, loaded once.
fn fonts() -> &'static Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for face in FaceId::ALL {
            db.load_font_data(face.data().to_vec());
        }
        Arc::new(db)
    })
}
