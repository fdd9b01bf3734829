window.bizInbox = {
    // The conversation timeline: stay at the bottom for new messages, keep the reader's place when older ones load.
    thread: {
        followBottom(el, force) {
            if (!el) return;
            const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 120;
            if (force || nearBottom || el.dataset.atBottom !== 'false') {
                el.scrollTop = el.scrollHeight;
            }
            if (!el.dataset.tracking) {
                el.dataset.tracking = '1';
                el.addEventListener('scroll', () => {
                    el.dataset.atBottom = String(el.scrollHeight - el.scrollTop - el.clientHeight < 120);
                }, { passive: true });
            }
        },
        atBottom(el) {
            return !!el && el.scrollHeight - el.scrollTop - el.clientHeight < 120;
        },
        rememberPosition(el) {
            if (el) el.dataset.heightBefore = String(el.scrollHeight - el.scrollTop);
        },
        keepPosition(el) {
            if (el && el.dataset.heightBefore) {
                el.scrollTop = el.scrollHeight - Number(el.dataset.heightBefore);
                delete el.dataset.heightBefore;
            }
        },
        observeTop(el, sentinel, dotnet) {
            if (!el || !sentinel || el.bizTopObserver?.target === sentinel) return;
            el.bizTopObserver?.observer.disconnect();
            const observer = new IntersectionObserver(entries => {
                if (entries.some(e => e.isIntersecting) && el.scrollTop < el.scrollHeight - el.clientHeight) {
                    dotnet.invokeMethodAsync('LoadOlderAsync');
                }
            }, { root: el, threshold: 0.1 });
            observer.observe(sentinel);
            el.bizTopObserver = { observer, target: sentinel };
        },
        forget(el) {
            el?.bizTopObserver?.observer.disconnect();
        },
        reveal(el, id) {
            const target = el?.querySelector(`[data-message="${id}"]`);
            if (!target) return;
            el.dataset.atBottom = 'false';
            target.scrollIntoView({ block: 'center' });
            target.classList.remove('bi-msg--revealed');
            void target.offsetWidth;
            target.classList.add('bi-msg--revealed');
            target.setAttribute('tabindex', '-1');
            target.focus({ preventScroll: true });
        },
    },

    // The reply box belongs to the browser: the server never writes its value, so a slow round trip cannot put
    // stale text back while the agent types. Enter sends exactly what is on screen; typing is reported at most
    // every two seconds. The draft is kept per agent and conversation in localStorage at every keystroke (a reload
    // or dropped connection loses nothing) and on the server after a second of quiet (a restart or another device).
    composer: {
        prefix: 'bizInbox.draft.',
        key(s, conversationId) { return `${this.prefix}${s.userId}.${conversationId}`; },
        load(s, conversationId) {
            try { return JSON.parse(localStorage.getItem(this.key(s, conversationId)) || 'null'); } catch { return null; }
        },
        store(s, conversationId, text, note, pending) {
            const key = this.key(s, conversationId);
            if (text.trim() === '' && !pending) localStorage.removeItem(key);
            else localStorage.setItem(key, JSON.stringify({ text, note, pending }));
        },
        attach(box, dotnet, userId, conversationId) {
            if (!box || box.bizComposer) return;
            const s = { dotnet, userId, conversationId, note: false, edited: false, lastTyping: 0, idle: 0, save: 0 };
            box.bizComposer = s;
            // A draft of whoever used this browser before (a session that simply expired) is not theirs to read.
            Object.keys(localStorage).filter(k => k.startsWith(this.prefix) && !k.startsWith(`${this.prefix}${userId}.`))
                .forEach(k => localStorage.removeItem(k));
            if (box.value === '') {
                this.show(box, s);
            } else {
                // Typed before the live connection attached the box: that text is the newest draft.
                s.edited = true;
                this.store(s, conversationId, box.value, s.note, true);
                this.schedule(box, s, 1000);
            }
            box.addEventListener('keydown', e => {
                if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                    e.preventDefault();
                    clearTimeout(s.idle);
                    s.lastTyping = 0;
                    dotnet.invokeMethodAsync('SendFromKeyboard', box.value).catch(() => { });
                } else if (e.key === 'Escape') {
                    box.blur();
                }
            });
            box.addEventListener('input', () => {
                s.edited = true;
                this.store(s, s.conversationId, box.value, s.note, true);
                this.schedule(box, s, 1000);
                const now = Date.now();
                if (now - s.lastTyping > 2000) {
                    s.lastTyping = now;
                    dotnet.invokeMethodAsync('Typing', true).catch(() => { });
                }
                clearTimeout(s.idle);
                s.idle = setTimeout(() => { s.lastTyping = 0; dotnet.invokeMethodAsync('Typing', false).catch(() => { }); }, 4000);
            });
        },
        show(box, s) {
            const local = this.load(s, s.conversationId);
            box.value = local?.text ?? '';
            s.note = local?.note ?? false;
            s.edited = false;
            if (local?.pending) this.schedule(box, s, 0);
        },
        schedule(box, s, delay) {
            clearTimeout(s.save);
            const conversationId = s.conversationId;
            s.save = setTimeout(() => this.flush(box, s, conversationId), delay);
        },
        flush(box, s, conversationId) {
            clearTimeout(s.save);
            const entry = this.load(s, conversationId);
            if (!entry?.pending) return;
            s.dotnet.invokeMethodAsync('SaveDraft', conversationId, entry.text, entry.note).then(() => {
                const now = this.load(s, conversationId);
                if (now && now.text === entry.text && now.note === entry.note) this.store(s, conversationId, entry.text, entry.note, false);
            }, () => { });
        },
        // The conversation the box is for, and the server's draft of it: a local draft not yet on the server, or
        // anything typed since the box showed this conversation, is newer; otherwise the server's copy wins.
        open(box, conversationId, server) {
            const s = box?.bizComposer;
            if (!s) return null;
            if (conversationId !== s.conversationId) {
                this.flush(box, s, s.conversationId);
                s.conversationId = conversationId;
                this.show(box, s);
            }
            const local = this.load(s, conversationId);
            if (!s.edited && !local?.pending) {
                box.value = server?.text ?? '';
                s.note = server?.note ?? false;
                this.store(s, conversationId, box.value, s.note, false);
            }
            return { text: box.value, note: s.note };
        },
        text(box) { return box?.value ?? ''; },
        mode(box, note) {
            const s = box?.bizComposer;
            if (!s || s.note === note) return;
            s.note = note;
            // A mode chosen before the stored draft arrived is the agent's choice: the draft must not undo it.
            s.edited = true;
            if (box.value.trim() !== '') {
                this.store(s, s.conversationId, box.value, note, true);
                this.schedule(box, s, 0);
            }
        },
        // After a send: only the sent text goes; whatever the agent typed after it while the send was on its way stays.
        consume(box, sent) {
            const s = box?.bizComposer;
            if (!s) return '';
            box.value = window.bizInbox.box.afterSend(box.value, sent);
            this.store(s, s.conversationId, box.value, s.note, false);
            if (box.value !== '') this.schedule(box, s, 0);
            return box.value;
        },
        insert(box, text) {
            if (!box) return;
            const start = box.selectionStart ?? box.value.length;
            const end = box.selectionEnd ?? start;
            const before = start > 0 && !/\s/.test(box.value[start - 1]) ? ' ' : '';
            box.setRangeText(before + text, start, end, 'end');
            box.focus();
            box.dispatchEvent(new Event('input', { bubbles: true }));
        },
        forgetAll() {
            Object.keys(localStorage).filter(k => k.startsWith(this.prefix)).forEach(k => localStorage.removeItem(k));
        },
    },

    // The composer's "/" picker: a "/" at the start of the box or after a space, followed by shortcut characters up
    // to the caret, asks the server for matches. While some are shown, Up/Down move, Enter/Tab insert and Escape
    // closes (its listener runs before the composer's, which would send or blur). Inserting replaces only the
    // "/query", so anything else the agent typed stays as it is.
    cannedPicker: {
        token(box) {
            const caret = box.selectionStart ?? box.value.length;
            if ((box.selectionEnd ?? caret) !== caret) return null;
            const m = /(^|\s)\/([a-z0-9_-]{0,32})$/i.exec(box.value.slice(0, caret));
            return m ? { start: caret - m[2].length - 1, end: caret, query: m[2] } : null;
        },
        attach(box, dotnet) {
            if (!box || box.bizPicker) return;
            const p = { dotnet, query: null, count: 0, seq: 0, pending: false, enterWaiting: false };
            box.bizPicker = p;
            // A screen reader hears the highlighted reply while focus stays in the box.
            box.setAttribute('aria-autocomplete', 'list');
            const highlight = index => {
                if (p.count > 0 && index >= 0) {
                    box.setAttribute('aria-controls', 'bi-canned-picker');
                    box.setAttribute('aria-activedescendant', `bi-canned-option-${index}`);
                } else {
                    box.removeAttribute('aria-controls');
                    box.removeAttribute('aria-activedescendant');
                }
            };
            const ask = query => {
                p.query = query;
                p.count = 0;
                p.pending = query !== null;
                highlight(-1);
                const seq = ++p.seq;
                dotnet.invokeMethodAsync('Search', query).then(count => {
                    if (seq !== p.seq) return;
                    p.count = count;
                    p.pending = false;
                    highlight(0);
                    if (p.enterWaiting) {
                        p.enterWaiting = false;
                        // Enter pressed on "/shortcut" before the matches came: it chose, or (no match) it sends.
                        if (count > 0) dotnet.invokeMethodAsync('Choose').catch(() => { });
                        else box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
                    }
                }, () => { p.pending = false; p.enterWaiting = false; });
            };
            const update = () => {
                const query = this.token(box)?.query ?? null;
                if (query !== p.query) ask(query);
            };
            box.addEventListener('input', update);
            box.addEventListener('click', update);
            box.addEventListener('blur', () => { if (p.count === 0) highlight(-1); });
            box.addEventListener('keyup', e => { if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') update(); });
            box.addEventListener('keydown', e => {
                if (e.isComposing || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
                if (e.key === 'Enter' && p.query !== null && p.pending) {
                    // On a slow link the matches may not be here yet: "/gr" must not go to the customer as it is.
                    e.preventDefault();
                    e.stopImmediatePropagation();
                    p.enterWaiting = true;
                    return;
                }
                if (p.query === null || p.count === 0) return;
                const act = {
                    ArrowDown: () => dotnet.invokeMethodAsync('Move', 1).then(highlight),
                    ArrowUp: () => dotnet.invokeMethodAsync('Move', -1).then(highlight),
                    Enter: () => dotnet.invokeMethodAsync('Choose'),
                    Tab: () => dotnet.invokeMethodAsync('Choose'),
                    Escape: () => { p.count = 0; p.seq++; highlight(-1); return dotnet.invokeMethodAsync('Search', null); },
                }[e.key];
                if (!act) return;
                e.preventDefault();
                e.stopImmediatePropagation();
                act().catch(() => { });
            }, true);
            // A "/" typed while the page was still connecting opens the picker now.
            update();
        },
        replace(box, text) {
            const p = box?.bizPicker;
            if (!p) return;
            const token = this.token(box);
            const start = token?.start ?? box.selectionStart ?? box.value.length;
            box.setRangeText(text, start, token?.end ?? box.selectionEnd ?? start, 'end');
            p.query = null;
            p.count = 0;
            p.pending = false;
            p.seq++;
            box.removeAttribute('aria-controls');
            box.removeAttribute('aria-activedescendant');
            box.focus();
            box.dispatchEvent(new Event('input', { bubbles: true }));
        },
    },

    // A text box the server only reads (the simulator's): after a send, only the sent text leaves it.
    box: {
        // Whatever was typed after the sent text while the send was on its way stays.
        afterSend(value, sent) {
            const rest = value.startsWith(sent) ? value.slice(sent.length) : value;
            return rest.trim() === '' ? '' : rest.replace(/^[ \t]*\n/, '');
        },
        consume(box, sent) {
            if (!box) return '';
            box.value = this.afterSend(box.value, sent);
            return box.value;
        },
    },

    // A hidden file input's picker, for the button drawn in its place (AttachmentEditor).
    openFilePicker(input) {
        if (input && !input.disabled) input.click();
    },

    // After a navigation the new page's heading takes focus (a screen reader announces the page), unless the user is
    // already typing in a field: their next keys must not go to the heading or to the one-key shortcuts.
    focusHeading(selector) {
        const active = document.activeElement;
        if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
        const heading = document.querySelector(selector);
        if (!heading) return;
        if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
    },

    // Inbox keyboard shortcuts; they act by clicking the same controls a mouse would.
    shortcuts: {
        attach() {
            if (window.bizInboxShortcuts) return;
            window.bizInboxShortcuts = true;
            document.addEventListener('keydown', e => {
                const target = e.target;
                if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
                if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
                if (document.querySelector('.mud-dialog-container')) return;
                const click = selector => { const el = document.querySelector(selector); if (el) { e.preventDefault(); el.click(); } };
                const move = step => {
                    const rows = [...document.querySelectorAll('a.bi-row')];
                    if (rows.length === 0) return;
                    const current = rows.findIndex(r => r.classList.contains('bi-row--selected'));
                    const next = rows[Math.min(Math.max(current < 0 ? 0 : current + step, 0), rows.length - 1)];
                    e.preventDefault();
                    next.click();
                    next.scrollIntoView({ block: 'nearest' });
                };
                switch (e.key) {
                    case 'j': move(1); break;
                    case 'k': move(-1); break;
                    case 'a': click('[data-shortcut="assign-me"]'); break;
                    case 'e': click('[data-shortcut="resolve"]'); break;
                    case 'r': { const box = document.querySelector('[data-shortcut="composer"]'); if (box) { e.preventDefault(); box.focus(); } break; }
                    case '?': click('[data-shortcut="help"]'); break;
                }
            });
        },
    },

    // "/" or Ctrl+K (Cmd+K) outside a text field puts the caret into the app bar's search box.
    searchShortcut: {
        attach() {
            if (window.bizInboxSearchShortcut) return;
            window.bizInboxSearchShortcut = true;
            document.addEventListener('keydown', e => {
                const target = e.target;
                if (e.isComposing || e.altKey) return;
                if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
                if (document.querySelector('.mud-dialog-container')) return;
                const slash = e.key === '/' && !e.ctrlKey && !e.metaKey;
                const ctrlK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
                if (!slash && !ctrlK) return;
                const box = document.querySelector('[data-shortcut="search"] input');
                if (!box) return;
                e.preventDefault();
                box.focus();
                box.select();
            });
        },
    },
};

// The search shortcut listens on the document, so it needs nothing of the page: attached as the script loads, it works
// from the first interactive render on (from the search box's first render, a key pressed at once could come too early).
window.bizInbox.searchShortcut.attach();

window.bizInbox.theme = {
    remember(dark) {
        document.cookie = `BizInbox.Theme=${dark ? 'dark' : 'light'}; path=/; max-age=31536000; samesite=lax`;
    },
};

// Drafts stay on this computer only while their agent is signed in (shared computers).
document.addEventListener('submit', e => {
    if (e.target instanceof HTMLFormElement && /account\/logout$/.test(e.target.getAttribute('action') || '')) {
        window.bizInbox.composer.forgetAll();
    }
}, true);

// Voice messages recorded in the browser. Chromium records Opus in WebM; the server rewraps it as Ogg for WhatsApp.
// The elapsed time is written into the page here, so recording costs no round trips.
window.bizInbox.voice = {
    recorder: null,
    parts: [],
    timer: 0,
    maxMillis: 10 * 60 * 1000,
    async start(clock) {
        if (!navigator.mediaDevices?.getUserMedia || !window.MediaRecorder) return 'unsupported';
        const type = ['audio/ogg;codecs=opus', 'audio/webm;codecs=opus'].find(t => MediaRecorder.isTypeSupported(t));
        if (!type) return 'unsupported';
        let stream;
        try {
            stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        } catch {
            return 'denied';
        }
        this.parts = [];
        this.recorder = new MediaRecorder(stream, { mimeType: type, audioBitsPerSecond: 32000 });
        this.recorder.ondataavailable = e => { if (e.data.size > 0) this.parts.push(e.data); };
        const started = Date.now();
        this.timer = setInterval(() => {
            const elapsed = Date.now() - started;
            if (clock) clock.textContent = `${Math.floor(elapsed / 60000)}:${String(Math.floor(elapsed / 1000) % 60).padStart(2, '0')}`;
            if (elapsed >= this.maxMillis && this.recorder?.state === 'recording') this.recorder.stop();
        }, 250);
        this.recorder.start(1000);
        return null;
    },
    async stop() {
        const recorder = this.recorder;
        if (!recorder) return null;
        if (recorder.state !== 'inactive') {
            await new Promise(resolve => { recorder.onstop = resolve; recorder.stop(); });
        }
        this.release();
        const blob = new Blob(this.parts, { type: recorder.mimeType });
        this.parts = [];
        return new Uint8Array(await blob.arrayBuffer());
    },
    cancel() {
        if (this.recorder?.state === 'recording') this.recorder.stop();
        this.release();
        this.parts = [];
    },
    release() {
        clearInterval(this.timer);
        this.recorder?.stream.getTracks().forEach(t => t.stop());
        this.recorder = null;
    },
};
