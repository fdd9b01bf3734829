// Drives the reconnect dialog (Components/Layout/ReconnectModal.razor), as the ASP.NET Core template does.
(() => {
    const modal = document.getElementById('components-reconnect-modal');
    if (!modal) return;

    const retryWhenVisible = async () => {
        if (document.visibilityState === 'visible') {
            document.removeEventListener('visibilitychange', retryWhenVisible);
            await retry();
        }
    };

    async function retry() {
        try {
            if (await Blazor.reconnect()) return;
            if (await Blazor.resumeCircuit()) { modal.close(); return; }
            location.reload();
        } catch {
            document.addEventListener('visibilitychange', retryWhenVisible);
        }
    }

    async function resume() {
        try {
            if (!await Blazor.resumeCircuit()) location.reload();
        } catch {
            modal.classList.replace('components-reconnect-paused', 'components-reconnect-resume-failed');
        }
    }

    modal.addEventListener('components-reconnect-state-changed', e => {
        switch (e.detail.state) {
            case 'show': if (!modal.open) modal.showModal(); break;
            case 'hide': modal.close(); break;
            case 'failed': document.addEventListener('visibilitychange', retryWhenVisible); break;
            case 'rejected': location.reload(); break;
        }
    });
    document.getElementById('components-reconnect-button')?.addEventListener('click', retry);
    document.getElementById('components-resume-button')?.addEventListener('click', resume);
})();
