//! Times the window's real drawing on a graphics card, with no display:
//! the same frames as `frame_bench` (our panels, the graph, egui's
//! tessellation), then painted by egui_glow's painter (the window's own)
//! into an offscreen framebuffer on an EGL device, waiting for the card
//! to finish each frame (`glFinish`). On a machine with a GPU this is the
//! frame a user's window takes, less the swap; the GL renderer it ran on
//! is printed with the figures.
//!
//! `cargo run --release --example gpu_frame_bench -- VAULT [--frames K] [--device NAME]`
//!
//! `--device NAME` picks the first EGL device whose vendor or name holds
//! NAME (say `NVIDIA`, or `mesa` for the software one); by default a card
//! other than Mesa's software device where there is one. Prints one JSON
//! line: the median, 90th percentile and worst frame, and the median of
//! each part (`ui_ms`, `tessellate_ms`, `paint_ms`).

#[path = "support/settled.rs"]
mod settled;

use eframe::{egui_glow, glow};
use glow::HasContext;
use glutin::api::egl::{device::Device, display::Display};
use glutin::config::{ConfigSurfaceTypes, ConfigTemplateBuilder};
use glutin::context::{ContextApi, ContextAttributesBuilder, Version};
use glutin::display::GlDisplay;
use notegraph::gui::App;
use std::sync::Arc;
use std::time::Instant;

// The binary's allocator, so that figures match what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZE: [u32; 2] = [1600, 1000];

fn main() {
    let usage = "usage: gpu_frame_bench VAULT [--frames K] [--device NAME]";
    let mut args = std::env::args().skip(1);
    let vault = args.next().expect(usage);
    let (mut frames, mut want) = (60usize, None::<String>);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--frames" => frames = args.next().and_then(|s| s.parse().ok()).expect(usage),
            "--device" => want = Some(args.next().expect(usage)),
            _ => panic!("{usage}"),
        }
    }
    let (gl, _context, renderer) = gl_context(want.as_deref());
    let settled::Settled {
        mut app,
        notes,
        load_ms,
        settle_ms,
    } = settled::open_settled(&vault);

    let target = offscreen_target(&gl);
    let mut painter = egui_glow::Painter::new(gl.clone(), "", None, false).expect("a painter");
    let ctx = egui::Context::default();
    let mut parts: Vec<[f64; 3]> = Vec::new();
    for i in 0..frames + 10 {
        parts.push(frame(&ctx, &mut app, &mut painter, &gl, target, i));
    }
    let painted = painted_pixels(&gl);
    let parts = &parts[10..];
    let median = |f: &dyn Fn(&[f64; 3]) -> f64| {
        let mut v: Vec<f64> = parts.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[v.len() * 9 / 10], v[v.len() - 1])
    };
    let round = |v: f64| (v * 100.0).round() / 100.0;
    let (total, p90, worst) = median(&|p| p.iter().sum());
    println!(
        "{}",
        serde_json::json!({
            "notes": notes,
            "visible_nodes": app.visible_nodes(),
            "renderer": renderer,
            "size": SIZE,
            "ms_per_frame": round(total),
            "p90_ms": round(p90),
            "max_ms": round(worst),
            "ui_ms": round(median(&|p| p[0]).0),
            "tessellate_ms": round(median(&|p| p[1]).0),
            "paint_ms": round(median(&|p| p[2]).0),
            "painted_pixels": painted,
            "load_ms": load_ms.round(),
            "settle_ms": settle_ms.round(),
        })
    );
}

/// One frame: the window's code, tessellation, and painting until the
/// card is done; the time of each, in milliseconds.
fn frame(
    ctx: &egui::Context,
    app: &mut App,
    painter: &mut egui_glow::Painter,
    gl: &glow::Context,
    target: glow::Framebuffer,
    i: usize,
) -> [f64; 3] {
    let screen =
        egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(SIZE[0] as f32, SIZE[1] as f32));
    // The pointer moves each frame (over empty canvas), so that every
    // frame takes the full interactive path, as in `frame_bench`.
    let input = egui::RawInput {
        screen_rect: Some(screen),
        time: Some(i as f64 / 60.0),
        events: vec![egui::Event::PointerMoved(egui::pos2(
            300.0 + (i % 2) as f32,
            990.0,
        ))],
        ..Default::default()
    };
    let t = Instant::now();
    let mut output = ctx.run_ui(input, |ui| app.ui(ui));
    let ui_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    let tessellate_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    unsafe { gl.bind_framebuffer(glow::FRAMEBUFFER, Some(target)) };
    painter.clear(SIZE, [0.1, 0.1, 0.1, 1.0]);
    let ppp = output.pixels_per_point;
    painter.paint_and_update_textures(SIZE, ppp, &primitives, &mut output.textures_delta);
    unsafe { gl.finish() };
    [ui_ms, tessellate_ms, t.elapsed().as_secs_f64() * 1000.0]
}

/// A current OpenGL context on an EGL device, with no surface, and the
/// renderer's name.
fn gl_context(want: Option<&str>) -> (Arc<glow::Context>, impl Sized, String) {
    let devices: Vec<Device> = Device::query_devices().expect("EGL devices").collect();
    let label = |d: &Device| format!("{} {}", d.vendor().unwrap_or(""), d.name().unwrap_or(""));
    for d in &devices {
        eprintln!("EGL device: {}", label(d));
    }
    let software = |d: &Device| d.extensions().contains("EGL_MESA_device_software");
    let device = match want {
        Some(name) => devices
            .iter()
            .find(|d| label(d).to_lowercase().contains(&name.to_lowercase())),
        None => devices.iter().find(|d| !software(d)).or(devices.first()),
    }
    .expect("an EGL device");
    let display = unsafe { Display::with_device(device, None) }.expect("an EGL display");
    let template = ConfigTemplateBuilder::new()
        .with_surface_type(ConfigSurfaceTypes::empty())
        .build();
    let config = unsafe { display.find_configs(template) }
        .expect("configs")
        .next()
        .expect("a config");
    let attributes = ContextAttributesBuilder::new()
        .with_context_api(ContextApi::OpenGl(Some(Version::new(3, 3))))
        .build(None);
    let context = unsafe { display.create_context(&config, &attributes) }.expect("a context");
    let context = context.make_current_surfaceless().expect("current");
    let gl = unsafe { glow::Context::from_loader_function_cstr(|s| display.get_proc_address(s)) };
    let renderer = unsafe { gl.get_parameter_string(glow::RENDERER) };
    (Arc::new(gl), (context, display), renderer)
}

/// A framebuffer the window's size to paint into.
fn offscreen_target(gl: &glow::Context) -> glow::Framebuffer {
    unsafe {
        let fbo = gl.create_framebuffer().expect("a framebuffer");
        let colour = gl.create_renderbuffer().expect("a renderbuffer");
        gl.bind_renderbuffer(glow::RENDERBUFFER, Some(colour));
        gl.renderbuffer_storage(
            glow::RENDERBUFFER,
            glow::RGBA8,
            SIZE[0] as i32,
            SIZE[1] as i32,
        );
        gl.bind_framebuffer(glow::FRAMEBUFFER, Some(fbo));
        let to = glow::COLOR_ATTACHMENT0;
        gl.framebuffer_renderbuffer(glow::FRAMEBUFFER, to, glow::RENDERBUFFER, Some(colour));
        let status = gl.check_framebuffer_status(glow::FRAMEBUFFER);
        assert_eq!(status, glow::FRAMEBUFFER_COMPLETE, "framebuffer incomplete");
        fbo
    }
}

/// How many pixels of the last frame differ from the background: proof
/// that the frames drew something.
fn painted_pixels(gl: &glow::Context) -> usize {
    let mut pixels = vec![0u8; (SIZE[0] * SIZE[1] * 4) as usize];
    unsafe {
        gl.read_pixels(
            0,
            0,
            SIZE[0] as i32,
            SIZE[1] as i32,
            glow::RGBA,
            glow::UNSIGNED_BYTE,
            glow::PixelPackData::Slice(Some(&mut pixels)),
        );
    }
    let background = &pixels[..4].to_vec();
    pixels.chunks(4).filter(|p| p != background).count()
}
