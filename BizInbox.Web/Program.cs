using BizInbox.Web;
using BizInbox.Web.Components;
using BizInbox.Web.Data;
using BizInbox.Web.Seeding;
using BizInbox.Web.Servers;
using BizInbox.Web.Features.Audit;
using BizInbox.Web.Identity;
using BizInbox.Web.Observability;
using BizInbox.Web.Security;
using BizInbox.Web.Ui;

var builder = WebApplication.CreateBuilder(args);

// Serve package assets (MudBlazor's script and styles) from a build output in every environment, not only in
// Development; a published app has them in wwwroot and no manifest, so this is then a no-op.
builder.WebHost.UseStaticWebAssets();
builder.AddObservability();

try
{
    builder.Services
        .AddData(builder.Configuration, builder.Environment)
        .AddServerIdentity(builder.Configuration)
        .AddTeamIdentity(builder.Configuration)
        .AddShell(builder.Configuration)
        .AddSecurity(builder.Configuration)
        .AddAudit(builder.Configuration);

    var app = builder.Build();
    await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    await app.Services.GetRequiredService<BizInbox.Web.Features.Search.SearchBackfill>().RunAsync();
    await app.Services.GetRequiredService<BizInbox.Web.Features.Reports.ReportBackfill>().RunAsync();
    await app.Services.GetRequiredService<BizInbox.Web.Features.Reports.ReportDurationReconciliation>().RepairAsync();
    await app.Services.GetRequiredService<BizInbox.Web.Features.Inbox.InboxCountReconciliation>().RepairAsync();
    if (SeedCommand.IsRequested(args))
    {
        return await SeedCommand.RunAsync(app.Services, args);
    }

    if (BenchCommand.IsRequested(args))
    {
        return await BenchCommand.RunAsync(app.Services, args);
    }

    app.UseSecurity();
    app.UseShell();
    await app.RunAsync();
    return 0;
}
catch (StartupException ex)
{
    // An operator's problem, not a bug: one clear line instead of a stack trace.
    await Console.Error.WriteLineAsync($"BizInbox cannot start: {ex.Message}");
    return 1;
}

public partial class Program;
