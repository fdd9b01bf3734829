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
    },

    // Enter sends, Shift+Enter adds a line; typing is reported at most every two seconds.
    composer: {
        attach(box, dotnet) {
            if (!box || box.dataset.attached) return;
            box.dataset.attached = '1';
            let lastTyping = 0;
            let idle;
            const stopped = () => { lastTyping = 0; dotnet.invokeMethodAsync('Typing', false); };
            box.addEventListener('keydown', e => {
                if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                    e.preventDefault();
                    clearTimeout(idle);
                    dotnet.invokeMethodAsync('SendFromKeyboard', box.value);
                } else if (e.key === 'Escape') {
                    box.blur();
                }
            });
            box.addEventListener('input', () => {
                const now = Date.now();
                if (now - lastTyping > 2000) {
                    lastTyping = now;
                    dotnet.invokeMethodAsync('Typing', true);
                }
                clearTimeout(idle);
                idle = setTimeout(stopped, 4000);
            });
        },
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
};

window.bizInbox.theme = {
    remember(dark) {
        document.cookie = `BizInbox.Theme=${dark ? 'dark' : 'light'}; path=/; max-age=31536000; samesite=lax`;
    },
};
