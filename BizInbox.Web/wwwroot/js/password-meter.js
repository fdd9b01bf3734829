// Strength shown while typing a new password (static server-rendered forms, see PasswordStrength.razor).
// A rough estimate only: length and variety, minus repeats and runs; the server checks the common-password list.
(() => {
    const MIN_LENGTH = 12;

    function estimateBits(password) {
        let pool = 0;
        if (/[a-z]/.test(password)) pool += 26;
        if (/[A-Z]/.test(password)) pool += 26;
        if (/[0-9]/.test(password)) pool += 10;
        if (/[^a-zA-Z0-9]/.test(password)) pool += 33;
        let effective = 0;
        for (let i = 0; i < password.length; i++) {
            const here = password.charCodeAt(i);
            const before = i > 0 ? password.charCodeAt(i - 1) : NaN;
            // A repeated or running character ("aaaa", "1234") adds almost nothing.
            effective += here === before || Math.abs(here - before) === 1 ? 0.25 : 1;
        }
        const distinct = new Set(password.toLowerCase()).size;
        return effective * Math.log2(Math.max(pool, 2)) * Math.min(1, distinct / 8);
    }

    function levelOf(password) {
        if (password.length < MIN_LENGTH) return 0;
        const bits = estimateBits(password);
        return bits < 50 ? 1 : bits < 72 ? 2 : 3;
    }

    document.addEventListener('input', event => {
        const input = event.target;
        if (!(input instanceof HTMLInputElement) || !input.id) return;
        const meter = document.querySelector(`[data-password-meter="${CSS.escape(input.id)}"]`);
        if (!meter) return;
        const level = input.value ? levelOf(input.value) : 0;
        meter.dataset.level = String(input.value ? level : 0);
        meter.querySelector('.bi-strength-text').textContent =
            [meter.dataset.labelShort, meter.dataset.labelWeak, meter.dataset.labelFair, meter.dataset.labelStrong][level];
    });
})();
