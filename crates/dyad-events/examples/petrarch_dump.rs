//! Prints the dyad text a PETRARCH-2 verb dictionary translates to:
//! `cargo run -p dyad-events --example petrarch_dump -- FILE`.
fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("a PETRARCH-2 verb dictionary");
    let text = std::fs::read_to_string(&path).expect("readable");
    let (dyad, stats) = dyad_events::petrarch_to_dyad(&text, &path);
    print!("{dyad}");
    eprintln!("{stats:#?}");
}
