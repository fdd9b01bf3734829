using BizInbox.Domain.Channels;
using BizInbox.Tests.Features;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>The channel's health as the settings page reads it, on SQLite and PostgreSQL.</summary>
public abstract class WhatsAppHealthTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    private WhatsAppConnections Connections => Database.Get<WhatsAppConnections>();

    private Task<int> ConnectAsync(AppUser owner, string phoneNumberId) =>
        Connections.ConnectAsync(As(owner), "WhatsApp " + phoneNumberId,
            new WhatsAppSettingsInput(phoneNumberId, "102290129340398", "+49 40 1234567", "EAAG-token", "app-secret", "verify-token", null, null));

    private async Task ReportAsync(int inboxId, int code, string title, DateTimeOffset at)
    {
        await using var db = Database.CreateDbContext();
        db.WhatsAppReportedErrors.Add(WhatsAppReportedError.Reported(inboxId, code, title, WhatsAppErrorSource.Status, at));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task EachNumber_ShowsItsLastError_WhenAndHowMany_OrThatItIsHealthy()
    {
        var owner = await SetupOwnerAsync();
        var troubled = await ConnectAsync(owner, "106540352242922");
        var quiet = await ConnectAsync(owner, "106540352242923");
        var now = Clock.GetUtcNow();
        await ReportAsync(troubled, 368, "Temporarily blocked for policies violations", now.AddDays(-2));
        await ReportAsync(troubled, 130429, "Rate limit hit", now.AddHours(-3));
        await ReportAsync(troubled, 131047, "Re-engagement message", now.AddMinutes(-5));

        var list = await Connections.ListAsync(As(owner));

        list.Single(c => c.InboxId == troubled).Health.ShouldBe(new WhatsAppHealth(2, 3, 131047, "Re-engagement message", now.AddMinutes(-5)));
        list.Single(c => c.InboxId == quiet).Health.ShouldBe(WhatsAppHealth.Healthy);
    }
}

public sealed class SqliteWhatsAppHealthTests() : WhatsAppHealthTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresWhatsAppHealthTests(PostgresServer postgres) : WhatsAppHealthTests(DatabaseProvider.Postgres, postgres);
