window.bizInbox = {
    submitForm(id) {
        document.getElementById(id)?.submit();
    },
};
