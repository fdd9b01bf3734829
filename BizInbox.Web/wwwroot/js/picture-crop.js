// The profile picture's square crop (ProfilePictureField, PictureCropDialog). The browser decodes the chosen file,
// shows the square to keep with WhatsApp's circle over it, and draws that square onto a canvas at its own pixel
// size (at most 1024 px, never under 192 px). The server checks the result again.
const MIN_SIDE = 192;
const MAX_SIDE = 1024;
const MAX_ZOOM = 8;
const STEP = 10;

let picture = null;
let view = null;

const isPng = head => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A].every((b, i) => head[i] === b);
const isJpeg = head => head[0] === 0xFF && head[1] === 0xD8 && head[2] === 0xFF;
const within = (value, low, high) => Math.min(Math.max(value, low), high);

/** Reads the file chosen in the input; the type comes from the content, the size from decoding it. */
export async function load(input) {
    const file = input?.files?.[0];
    view?.abort.abort();
    view = null;
    forget(null, null);
    if (!file) return { problem: 'type' };
    const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
    const type = isPng(head) ? 'image/png' : isJpeg(head) ? 'image/jpeg' : null;
    if (!type) return forget(input, { problem: 'type' });
    let bitmap;
    try {
        bitmap = await createImageBitmap(file);
    } catch {
        return forget(input, { problem: 'type' });
    }
    const { width, height } = bitmap;
    if (width < MIN_SIDE || height < MIN_SIDE) {
        bitmap.close();
        return forget(input, { problem: 'too_small', width, height });
    }
    picture = { bitmap, type, input };
    return { problem: null, type, width, height, maxZoom: within(Math.min(width, height) / MIN_SIDE, 1, MAX_ZOOM) };
}

/** Shows the loaded picture in the frame; dragging, arrow keys, + and - and the wheel move and zoom it. */
export function show(frame, dotnet) {
    if (!picture || !frame) return;
    const { width, height } = picture.bitmap;
    const abort = new AbortController();
    const options = { signal: abort.signal };
    view = { frame, canvas: frame.querySelector('canvas'), dotnet, zoom: 1, cx: width / 2, cy: height / 2, abort, drag: null };
    frame.addEventListener('pointerdown', e => {
        frame.setPointerCapture(e.pointerId);
        view.drag = { x: e.clientX, y: e.clientY };
        frame.focus();
    }, options);
    frame.addEventListener('pointermove', e => {
        if (!view.drag) return;
        moveBy(e.clientX - view.drag.x, e.clientY - view.drag.y);
        view.drag = { x: e.clientX, y: e.clientY };
    }, options);
    for (const end of ['pointerup', 'pointercancel']) frame.addEventListener(end, () => { view.drag = null; }, options);
    frame.addEventListener('keydown', e => {
        const step = e.shiftKey ? STEP * 5 : STEP;
        const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
        if (moves[e.key]) moveBy(...moves[e.key]);
        else if (e.key === '+' || e.key === '=') zoomBy(1.1);
        else if (e.key === '-') zoomBy(1 / 1.1);
        else return;
        e.preventDefault();
    }, options);
    frame.addEventListener('wheel', e => {
        e.preventDefault();
        zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1);
    }, { ...options, passive: false });
    const resized = new ResizeObserver(draw);
    resized.observe(frame);
    abort.signal.addEventListener('abort', () => resized.disconnect());
    draw();
}

/** Sets the zoom from the slider (1 = the picture's short side fills the frame). */
export function zoom(value) {
    if (!view) return;
    view.zoom = within(value, 1, maxZoom());
    keepInside();
    draw();
}

/** The square inside the frame as PNG (for a PNG) or JPEG bytes, at its own pixel size within 192..1024. */
export async function crop() {
    if (!picture || !view) throw new Error('No picture to crop.');
    const side = cropSide();
    const out = within(Math.round(side), MIN_SIDE, MAX_SIDE);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = out;
    const context = canvas.getContext('2d');
    context.imageSmoothingQuality = 'high';
    context.drawImage(picture.bitmap, view.cx - side / 2, view.cy - side / 2, side, side, 0, 0, out, out);
    const blob = await new Promise(resolve => canvas.toBlob(resolve, picture.type, 0.92));
    return new Uint8Array(await blob.arrayBuffer());
}

/** Stops listening and lets the picture go; the file input is cleared so the same file can be chosen again. */
export function close() {
    view?.abort.abort();
    view = null;
    if (picture) forget(picture.input, null);
}

function forget(input, result) {
    picture?.bitmap.close();
    picture = null;
    if (input) input.value = '';
    return result;
}

const maxZoom = () => within(Math.min(picture.bitmap.width, picture.bitmap.height) / MIN_SIDE, 1, MAX_ZOOM);
const cropSide = () => Math.min(picture.bitmap.width, picture.bitmap.height) / view.zoom;

function zoomBy(factor) {
    zoom(view.zoom * factor);
    view.dotnet.invokeMethodAsync('Zoomed', view.zoom);
}

// Moving the picture right shows more of its left side, as when dragging a photo under a frame.
function moveBy(dx, dy) {
    const scale = cropSide() / view.canvas.clientWidth;
    view.cx -= dx * scale;
    view.cy -= dy * scale;
    keepInside();
    draw();
}

function keepInside() {
    const half = cropSide() / 2;
    view.cx = within(view.cx, half, picture.bitmap.width - half);
    view.cy = within(view.cy, half, picture.bitmap.height - half);
}

function draw() {
    if (!view || !picture) return;
    const canvas = view.canvas;
    const pixels = Math.max(1, Math.round(canvas.clientWidth * (window.devicePixelRatio || 1)));
    if (canvas.width !== pixels) canvas.width = canvas.height = pixels;
    const side = cropSide();
    const context = canvas.getContext('2d');
    context.imageSmoothingQuality = 'high';
    context.clearRect(0, 0, pixels, pixels);
    context.drawImage(picture.bitmap, view.cx - side / 2, view.cy - side / 2, side, side, 0, 0, pixels, pixels);
}
