namespace BizInbox.Web.Ui;

/// <summary>The theme the page was first rendered in; layouts start from it.</summary>
public sealed record ThemeMode(bool Dark);
