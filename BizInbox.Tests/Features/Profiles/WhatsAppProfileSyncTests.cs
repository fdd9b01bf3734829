using System.Text.Json;
using BizInbox.Domain.Audit;
using BizInbox.Domain.Profiles;
using BizInbox.Domain.Team;
using BizInbox.Tests.Domain.Profiles;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Profiles;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Features.Profiles;

public abstract class WhatsAppProfileSyncTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres), IAsyncLifetime
{
    private const string NumberId = "106540352242922";

    private static readonly ProfileFields Bakery = new("baeckerei-schmidt", "Frisch seit 1920", "Brot und Brötchen", "RESTAURANT", "Hauptstr. 1, München", "info@schmidt.de", ["https://schmidt.de", "https://instagram.com/schmidt"]);

    private static readonly BusinessSettings Berlin = new("Europe/Berlin", "DE", "de");

    private FakeGraphApi _graph = null!;

    private ProfileService Profiles => Database.Get<ProfileService>();

    private WhatsAppProfileSync Sync => Database.Get<WhatsAppProfileSync>();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _graph = await FakeGraphApi.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _graph.DisposeAsync();
        await DisposeAsync();
    }

    private async Task<AppUser> OwnerWithNumberAndProfileAsync()
    {
        var owner = await SetupOwnerAsync();
        await Database.Get<WhatsAppConnections>().ConnectAsync(As(owner), "WhatsApp",
            new WhatsAppSettingsInput(NumberId, "102290129340398", "+49 40 1234567", _graph.AccessToken, "app-secret", "verify-token", _graph.Version, _graph.BaseUrl));
        await Profiles.SaveAsync(As(owner), Berlin, Bakery);
        return owner;
    }

    [Fact]
    public async Task Push_SendsTheProfileAsMetaDocumentsIt()
    {
        var owner = await OwnerWithNumberAndProfileAsync();

        (await Sync.PushAsync(As(owner), withPicture: false)).ShouldBeTrue();

        var post = _graph.Requests.Single(r => r.Method == "POST");
        post.Path.ShouldBe($"/v21.0/{NumberId}/whatsapp_business_profile");
        post.Authorization.ShouldBe($"Bearer {_graph.AccessToken}");
        JsonSerializer.Serialize(post.Json).ShouldBe(
            """{"messaging_product":"whatsapp","about":"Frisch seit 1920","address":"Hauptstr. 1, M\u00FCnchen","description":"Brot und Br\u00F6tchen","email":"info@schmidt.de","websites":["https://schmidt.de","https://instagram.com/schmidt"],"vertical":"RESTAURANT"}""");
        _graph.BusinessProfileOf(NumberId)["about"]!.GetValue<string>().ShouldBe("Frisch seit 1920");
    }

    [Fact]
    public async Task Push_WithoutANumber_SendsNothing()
    {
        var owner = await SetupOwnerAsync();
        await Profiles.SaveAsync(As(owner), Berlin, Bakery);

        (await Sync.PushAsync(As(owner), withPicture: true)).ShouldBeFalse();
        (await Sync.CompareAsync(As(owner))).ShouldBeNull();
        _graph.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Picture_GoesThroughAnUploadSession_AndItsHandleIntoTheProfile()
    {
        var owner = await OwnerWithNumberAndProfileAsync();
        var picture = ProfilePictureTests.Png(512, 512);
        await Profiles.ChangePictureAsync(As(owner), picture);

        await Sync.PushAsync(As(owner), withPicture: true);

        var requests = _graph.Requests;
        requests.Select(r => $"{r.Method} {r.Path.Split('/')[2].Split(':')[0]}").ShouldBe(
            ["GET app", $"POST {_graph.AppId}", "POST upload", $"POST {NumberId}"]);
        requests[1].Query.ShouldContain($"file_length={picture.Length}");
        requests[1].Query.ShouldContain("file_type=image%2Fpng");
        requests[2].Authorization.ShouldBe($"OAuth {_graph.AccessToken}");
        var handle = requests[3].Json.GetProperty("profile_picture_handle").GetString()!;
        _graph.UploadHandles[handle].Bytes.ShouldBe(picture);
        _graph.UploadHandles[handle].FileType.ShouldBe("image/png");
    }

    [Fact]
    public async Task GraphFailure_KeepsTheLocalSave_AndARetrySucceeds()
    {
        var owner = await OwnerWithNumberAndProfileAsync();
        _graph.FailNext(GraphFailure.ServerError, pathContains: "/whatsapp_business_profile");

        var failure = await ShouldFailWithAsync("profile.whatsapp_refused", () => Sync.PushAsync(As(owner), withPicture: false));

        failure.Data["Details"].ShouldBe("131000: Something went wrong (Message failed to send due to an unknown error.)");
        (await Profiles.GetAsync(As(owner))).Fields.About.ShouldBe("Frisch seit 1920");
        (await Sync.PushAsync(As(owner), withPicture: false)).ShouldBeTrue();
        _graph.BusinessProfileOf(NumberId)["email"]!.GetValue<string>().ShouldBe("info@schmidt.de");
    }

    [Fact]
    public async Task Compare_NamesTheFieldsWhereWhatsAppDiffers()
    {
        var owner = await OwnerWithNumberAndProfileAsync();
        await Sync.PushAsync(As(owner), withPicture: false);
        (await Sync.CompareAsync(As(owner)))!.Differences.ShouldBeEmpty();

        _graph.SetBusinessProfileField(NumberId, "about", "Changed in WhatsApp Manager");

        var comparison = (await Sync.CompareAsync(As(owner)))!;
        comparison.Differences.ShouldBe(["about"]);
        comparison.Profile.About.ShouldBe("Changed in WhatsApp Manager");
        _graph.Requests[^1].Query.ShouldBe("?fields=" + GraphApiClient.ProfileFields);
    }

    [Fact]
    public async Task NameRequest_IsSubmitted_ThenPending_ThenApproved_AndTheNameChangesEverywhere()
    {
        var owner = await OwnerWithNumberAndProfileAsync();
        var oldName = (await Profiles.GetAsync(As(owner))).Name;

        await Profiles.RequestNameAsync(As(owner), "Bäckerei Schmidt & Söhne");

        _graph.Requests[^1].Query.ShouldBe("?new_display_name=B%C3%A4ckerei%20Schmidt%20%26%20S%C3%B6hne");
        (await Profiles.GetAsync(As(owner))).NameStatus.ShouldBe(NameReviewStatus.Submitted);
        await Sync.RefreshAsync(As(owner));
        var pending = await Profiles.GetAsync(As(owner));
        (pending.NameStatus, pending.Name).ShouldBe((NameReviewStatus.Pending, oldName));
        (await Profiles.PublicAsync(Bakery.Slug))!.Name.ShouldBe(oldName);

        _graph.PhoneNumber(NumberId).ApproveNewName();
        await Sync.RefreshAsync(As(owner));

        (await Profiles.GetAsync(As(owner))).Name.ShouldBe("Bäckerei Schmidt & Söhne");
        (await Profiles.PublicAsync(Bakery.Slug))!.Name.ShouldBe("Bäckerei Schmidt & Söhne");
        (await Profiles.IdentityAsync()).Name.ShouldBe("Bäckerei Schmidt & Söhne");
        var history = await Profiles.HistoryAsync(As(owner));
        history.ShouldContain(h => h.Field == "name" && h.ActorName == "WhatsApp" && h.Before == oldName && h.After == "Bäckerei Schmidt & Söhne");
        await using var db = Database.CreateDbContext();
        (await db.AuditEntries.CountAsync(e => e.Action == AuditAction.ProfileChanged && e.ActorName == "WhatsApp")).ShouldBe(1);
    }

    [Fact]
    public async Task NameDeclined_KeepsTheOldName_AndRecordsTheOutcome()
    {
        var owner = await OwnerWithNumberAndProfileAsync();
        var oldName = (await Profiles.GetAsync(As(owner))).Name;
        await Profiles.RequestNameAsync(As(owner), "Best Bread");

        _graph.PhoneNumber(NumberId).DeclineNewName();
        await Sync.RefreshAsync(As(owner));

        var state = await Profiles.GetAsync(As(owner));
        (state.NameStatus, state.Name).ShouldBe((NameReviewStatus.Declined, oldName));
        (await Profiles.HistoryAsync(As(owner))).ShouldContain(h => h.Field == "name_declined" && h.Before == "Best Bread");
    }

    [Fact]
    public async Task NameRejectedByWebhook_KeepsTheOldName_AndStoresTheReasonInStateHistoryAndAudit()
    {
        var owner = await OwnerWithNumberAndProfileAsync();
        var oldName = (await Profiles.GetAsync(As(owner))).Name;
        await Profiles.RequestNameAsync(As(owner), "Best Bread");

        (await ApplyWebhookAsync(NameUpdateBody("REJECTED", "Best Bread", "\"NAME_FORMAT_UNACCEPTABLE\""))).ShouldBe([true]);

        var state = await Profiles.GetAsync(As(owner));
        (state.NameStatus, state.Name, state.DeclineReason).ShouldBe((NameReviewStatus.Declined, oldName, "NAME_FORMAT_UNACCEPTABLE"));
        (await Profiles.HistoryAsync(As(owner))).ShouldContain(h =>
            h.Field == "name_declined" && h.ActorName == "WhatsApp" && h.Before == "Best Bread" && h.After == $"{oldName} (NAME_FORMAT_UNACCEPTABLE)");
        await using var db = Database.CreateDbContext();
        (await db.AuditEntries.SingleAsync(e => e.ActorName == "WhatsApp")).Details.ShouldBe("display name declined: Best Bread (NAME_FORMAT_UNACCEPTABLE)");
    }

    [Fact]
    public async Task NameApprovedByWebhook_RenamesTheBusinessEverywhere()
    {
        var owner = await OwnerWithNumberAndProfileAsync();
        await Profiles.RequestNameAsync(As(owner), "Bäckerei Schmidt");

        (await ApplyWebhookAsync(NameUpdateBody("DEFERRED", "Bäckerei Schmidt", "null"))).ShouldBe([true]);
        (await Profiles.GetAsync(As(owner))).NameStatus.ShouldBe(NameReviewStatus.Pending);
        (await ApplyWebhookAsync(NameUpdateBody("APPROVED", "Bäckerei Schmidt", "null"))).ShouldBe([true]);

        (await Profiles.GetAsync(As(owner))).NameStatus.ShouldBe(NameReviewStatus.Approved);
        (await Profiles.IdentityAsync()).Name.ShouldBe("Bäckerei Schmidt");
    }

    [Fact]
    public async Task NameDecisionByWebhook_ForAnotherNumberOrName_ChangesNothing()
    {
        var owner = await OwnerWithNumberAndProfileAsync();
        await Profiles.RequestNameAsync(As(owner), "Best Bread");

        (await ApplyWebhookAsync(NameUpdateBody("REJECTED", "Best Bread", "\"UNKNOWN\"", number: "4930999999"))).ShouldBe([false]);
        (await ApplyWebhookAsync(NameUpdateBody("APPROVED", "Another Name", "null"))).ShouldBe([false]);

        (await Profiles.GetAsync(As(owner))).NameStatus.ShouldBe(NameReviewStatus.Submitted);
    }

    private async Task<List<bool>> ApplyWebhookAsync(string body)
    {
        List<int> inboxes;
        await using (var db = Database.CreateDbContext())
        {
            inboxes = await db.WhatsAppConnections.Select(c => c.InboxId).ToListAsync();
        }

        var results = new List<bool>();
        foreach (var update in WebhookPayload.ParseNotifications(System.Text.Encoding.UTF8.GetBytes(body)).NameUpdates)
        {
            results.Add(await Sync.ApplyNameDecisionAsync(update, inboxes));
        }

        return results;
    }

    /// <summary>The <c>phone_number_name_update</c> webhook as Meta documents it.</summary>
    internal static string NameUpdateBody(string decision, string requestedName, string reasonJson, string number = "49401234567") => $$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":1739321024,"changes":[{"value":{
        "display_phone_number":"{{number}}","decision":"{{decision}}","requested_verified_name":{{JsonSerializer.Serialize(requestedName)}},
        "rejection_reason":{{reasonJson}}},"field":"phone_number_name_update"}]}]}
        """;

    [Fact]
    public async Task NameRequest_RefusedByWhatsApp_LeavesNothingPending()
    {
        var owner = await OwnerWithNumberAndProfileAsync();
        _graph.FailNext(GraphFailure.InvalidParameter, r => r.Query.Contains("new_display_name", StringComparison.Ordinal));

        await ShouldFailWithAsync("profile.whatsapp_refused", () => Profiles.RequestNameAsync(As(owner), "Best Bread"));

        (await Profiles.GetAsync(As(owner))).NameStatus.ShouldBe(NameReviewStatus.None);
    }

    [Fact]
    public async Task Refresh_KeepsWhatWhatsAppReports_AndTheBadgeFollowsTheOfficialBusinessAccount()
    {
        var owner = await OwnerWithNumberAndProfileAsync();
        (await Profiles.IdentityAsync()).Verified.ShouldBeFalse();
        var number = _graph.PhoneNumber(NumberId);
        (number.IsOfficialBusinessAccount, number.QualityRating, number.MessagingLimitTier) = (true, "YELLOW", "TIER_10K");

        await Sync.RefreshAsync(As(owner));

        _graph.Requests[^1].Query.ShouldBe("?fields=" + GraphApiClient.NumberStatusFields);
        var report = (await Profiles.GetAsync(As(owner))).Report!;
        (report.VerifiedName, report.IsOfficialBusinessAccount, report.QualityRating, report.MessagingLimitTier)
            .ShouldBe(("Test Business", true, "YELLOW", "TIER_10K"));
        (await Profiles.IdentityAsync()).Verified.ShouldBeTrue();
        (await Profiles.PublicAsync(Bakery.Slug))!.Verified.ShouldBeTrue();

        number.IsOfficialBusinessAccount = false;
        await Sync.RefreshAsync(CancellationToken.None);
        (await Profiles.IdentityAsync()).Verified.ShouldBeFalse();
    }

    [Theory]
    [InlineData(TeamRole.Manager)]
    [InlineData(TeamRole.Agent)]
    public async Task OnlyTheOwner_PushesComparesOrRefreshes(TeamRole role)
    {
        var owner = await OwnerWithNumberAndProfileAsync();
        var member = await AddMemberAsync(owner, role, "member@example.com");

        await ShouldFailWithAsync("profile.owner_only", () => Sync.PushAsync(As(member), withPicture: false));
        await ShouldFailWithAsync("profile.owner_only", () => Sync.CompareAsync(As(member)));
        await ShouldFailWithAsync("profile.owner_only", () => Sync.RefreshAsync(As(member)));
        _graph.Requests.ShouldBeEmpty();
    }
}

public sealed class SqliteWhatsAppProfileSyncTests() : WhatsAppProfileSyncTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresWhatsAppProfileSyncTests(PostgresServer postgres) : WhatsAppProfileSyncTests(DatabaseProvider.Postgres, postgres);
