using System.Globalization;
using System.Security.Claims;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Contacts;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Features.Contacts;

public abstract class ContactAttributeServiceTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    private ContactAttributeService Attributes => Database.Get<ContactAttributeService>();

    private ContactService Contacts => Database.Get<ContactService>();

    private SegmentService Segments => Database.Get<SegmentService>();

    private async Task<(AppUser Owner, AppUser Agent)> TeamAsync()
    {
        var owner = await SetupOwnerAsync();
        return (owner, await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Agent"));
    }

    private async Task<Contact> ContactAsync(string name)
    {
        var contact = Contact.Create(name, null, null, Day1);
        await using var db = Database.CreateDbContext();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    private Task<int> DefineAsync(AppUser owner, string key, AttributeType type, params string[] options) =>
        Attributes.CreateAsync(As(owner), new AttributeInput(key, key.ToUpperInvariant(), type, null, options));

    private async Task SetAsync(AppUser actor, Contact contact, int attributeId, string value) =>
        (await Attributes.SaveValuesAsync(As(actor), contact.Id, new Dictionary<int, string?> { [attributeId] = value }, German)).ShouldBeEmpty();

    private async Task<IReadOnlyList<string>> MatchesAsync(AppUser actor, params AttributeCondition[] conditions) =>
        [.. (await Contacts.PageAsync(As(actor), new ContactQuery(Sort: ContactSort.Name, Descending: false, Attributes: conditions))).Rows.Select(r => r.Name)];

    [Fact]
    public async Task Filter_ByEveryKindOfAttribute_RunsInTheDatabase()
    {
        var (owner, agent) = await TeamAsync();
        var number = await DefineAsync(owner, "customer_number", AttributeType.Text);
        var spent = await DefineAsync(owner, "spent", AttributeType.Number);
        var birthday = await DefineAsync(owner, "birthday", AttributeType.Date);
        var tier = await DefineAsync(owner, "tier", AttributeType.List, "Gold", "Silber");
        var vip = await DefineAsync(owner, "vip", AttributeType.Checkbox);
        var anna = await ContactAsync("Anna");
        var ben = await ContactAsync("Ben");
        var cleo = await ContactAsync("Cleo");
        await ContactAsync("Dora");
        await SetAsync(agent, anna, number, "KD-ÄRGER-17");
        await SetAsync(agent, ben, number, "kd-42");
        await SetAsync(agent, anna, spent, "99,5");
        await SetAsync(agent, ben, spent, "1200");
        await SetAsync(agent, cleo, spent, "-3");
        await SetAsync(agent, anna, birthday, "31.12.1990");
        await SetAsync(agent, ben, birthday, "2001-05-04");
        await SetAsync(agent, cleo, tier, "gold");
        await SetAsync(agent, ben, vip, "true");
        await SetAsync(agent, cleo, vip, "false");

        (await MatchesAsync(agent, new AttributeCondition(number, AttributeOperator.IsSet))).ShouldBe(["Anna", "Ben"]);
        (await MatchesAsync(agent, new AttributeCondition(number, AttributeOperator.Contains, "ärger"))).ShouldBe(["Anna"]);
        (await MatchesAsync(agent, new AttributeCondition(number, AttributeOperator.IsEqualTo, "KD-42"))).ShouldBe(["Ben"]);
        (await MatchesAsync(agent, new AttributeCondition(spent, AttributeOperator.GreaterThan, "99.4"))).ShouldBe(["Anna", "Ben"]);
        (await MatchesAsync(agent, new AttributeCondition(spent, AttributeOperator.LessThan, "100"))).ShouldBe(["Anna", "Cleo"]);
        (await MatchesAsync(agent, new AttributeCondition(spent, AttributeOperator.IsEqualTo, "1200.00"))).ShouldBe(["Ben"]);
        (await MatchesAsync(agent, new AttributeCondition(birthday, AttributeOperator.LessThan, "2000-01-01"))).ShouldBe(["Anna"]);
        (await MatchesAsync(agent, new AttributeCondition(birthday, AttributeOperator.GreaterThan, "1991-01-01"))).ShouldBe(["Ben"]);
        (await MatchesAsync(agent, new AttributeCondition(tier, AttributeOperator.IsEqualTo, "Gold"))).ShouldBe(["Cleo"]);
        (await MatchesAsync(agent, new AttributeCondition(vip, AttributeOperator.IsChecked))).ShouldBe(["Ben"]);
        (await MatchesAsync(agent, new AttributeCondition(spent, AttributeOperator.GreaterThan, "0"), new AttributeCondition(vip, AttributeOperator.IsChecked)))
            .ShouldBe(["Ben"]);
        (await Contacts.PageAsync(As(agent), new ContactQuery(Attributes: [new AttributeCondition(spent, AttributeOperator.IsSet)]))).Total.ShouldBe(3);
    }

    [Fact]
    public async Task Filter_OnADeletedAttributeOrAnUnreadableValue_MatchesNobody()
    {
        var (owner, agent) = await TeamAsync();
        var spent = await DefineAsync(owner, "spent", AttributeType.Number);
        await SetAsync(agent, await ContactAsync("Anna"), spent, "5");

        (await MatchesAsync(agent, new AttributeCondition(spent, AttributeOperator.GreaterThan, "many"))).ShouldBeEmpty();
        await Attributes.DeleteAsync(As(owner), spent);
        (await MatchesAsync(agent, new AttributeCondition(spent, AttributeOperator.IsSet))).ShouldBeEmpty();
        (await MatchesAsync(agent)).ShouldBe(["Anna"]);
    }

    [Fact]
    public async Task SaveValues_WithOneRefusedValue_SavesNothing_AndNamesTheField()
    {
        var (owner, agent) = await TeamAsync();
        var spent = await DefineAsync(owner, "spent", AttributeType.Number);
        var site = await DefineAsync(owner, "site", AttributeType.Link);
        var anna = await ContactAsync("Anna");
        await SetAsync(agent, anna, spent, "7");

        var refused = await Attributes.SaveValuesAsync(As(agent), anna.Id, new Dictionary<int, string?> { [spent] = "8", [site] = "javascript:alert(1)" }, German);

        refused.Keys.ShouldBe([site]);
        refused[site].Code.ShouldBe("attribute.url_invalid");
        (await Attributes.ValuesAsync(As(agent), anna.Id)).ShouldBe(new Dictionary<int, string> { [spent] = "7" });

        (await Attributes.SaveValuesAsync(As(agent), anna.Id, new Dictionary<int, string?> { [spent] = "", [site] = "https://anna.example" }, German)).ShouldBeEmpty();
        (await Attributes.ValuesAsync(As(agent), anna.Id)).ShouldBe(new Dictionary<int, string> { [site] = "https://anna.example" });
    }

    [Fact]
    public async Task Definitions_AreManagedByManagers_InTheirOrder_AndDeleteCountsAndRemovesValues()
    {
        var (owner, agent) = await TeamAsync();
        var first = await DefineAsync(owner, "first", AttributeType.Text);
        var second = await DefineAsync(owner, "second", AttributeType.Text);
        await SetAsync(agent, await ContactAsync("Anna"), second, "x");
        await SetAsync(agent, await ContactAsync("Ben"), second, "y");

        await ShouldFailWithAsync("attribute.key_taken", () => DefineAsync(owner, "first", AttributeType.Number));
        await ShouldFailWithAsync("team.not_allowed", () => DefineAsync(agent, "third", AttributeType.Text));
        await ShouldFailWithAsync("team.not_allowed", () => Attributes.DeleteAsync(As(agent), first));

        await Attributes.MoveAsync(As(owner), second, -1);
        await Attributes.UpdateAsync(As(owner), second, new AttributeInput("ignored", "Zweites", AttributeType.Date, "Hinweis", []));

        var rows = await Attributes.ListAsync(As(owner));
        rows.Select(r => (r.Definition.Key, r.Definition.Name, r.Definition.Type, r.Contacts))
            .ShouldBe([("second", "Zweites", AttributeType.Text, 2), ("first", "FIRST", AttributeType.Text, 0)]);
        (await Attributes.DefinitionsAsync(As(agent))).Select(d => d.Key).ShouldBe(["second", "first"]);

        await Attributes.DeleteAsync(As(owner), second);
        (await Attributes.ListAsync(As(owner))).Select(r => r.Definition.Key).ShouldBe(["first"]);
        await using var db = Database.CreateDbContext();
        db.ContactAttributeValues.Count().ShouldBe(0);
    }

    [Fact]
    public async Task Segments_ArePersonalOrShared_AndOnlyManagersManageTheTeams()
    {
        var (owner, agent) = await TeamAsync();
        var other = await AddMemberAsync(owner, TeamRole.Agent, "eva@example.com", "Eva Agent");
        var vip = await DefineAsync(owner, "vip", AttributeType.Checkbox);
        var filter = new SegmentFilter(new ContactFilters.Values(Search: "anna"), [new SavedCondition(vip, "vip", AttributeOperator.IsChecked, null)]);

        var mine = await Segments.SaveAsync(As(agent), "Meine VIPs", shared: false, filter);
        var team = await Segments.SaveAsync(As(owner), "Alle VIPs", shared: true, filter);
        await ShouldFailWithAsync("segment.shared_not_allowed", () => Segments.SaveAsync(As(agent), "Team", shared: true, filter));
        await ShouldFailWithAsync("segment.name_required", () => Segments.SaveAsync(As(agent), " ", shared: false, filter));

        var seen = await Segments.ListAsync(As(agent));
        seen.Select(s => (s.Name, s.IsShared, s.CanEdit)).ShouldBe([("Alle VIPs", true, false), ("Meine VIPs", false, true)]);
        seen[1].Filter.ShouldNotBeNull().List.Search.ShouldBe("anna");
        seen[1].Filter!.Attributes.ShouldBe(filter.Attributes);
        (await Segments.ListAsync(As(other))).Select(s => s.Name).ShouldBe(["Alle VIPs"]);

        await ShouldFailWithAsync("segment.shared_not_allowed", () => Segments.RenameAsync(As(agent), team, "X"));
        await ShouldFailWithAsync("segment.not_found", () => Segments.DeleteAsync(As(other), mine));
        await Segments.RenameAsync(As(agent), mine, "VIP-Kunden");
        await Segments.DeleteAsync(As(owner), team);
        (await Segments.ListAsync(As(agent))).Select(s => s.Name).ShouldBe(["VIP-Kunden"]);
    }

    private async Task<IReadOnlyList<string>> SortedAsync(AppUser actor, int attributeId, bool descending, int page = 0, int size = 25) =>
        [.. (await Contacts.PageAsync(As(actor), new ContactQuery(Sort: ContactSort.Attribute, SortAttributeId: attributeId, Descending: descending,
            Page: page, PageSize: size))).Rows.Select(r => r.Name)];

    [Fact]
    public async Task Sort_ByAnAttribute_IsTyped_AndContactsWithoutAValueComeLastInBothDirections()
    {
        var (owner, agent) = await TeamAsync();
        var spent = await DefineAsync(owner, "spent", AttributeType.Number);
        var birthday = await DefineAsync(owner, "birthday", AttributeType.Date);
        var city = await DefineAsync(owner, "city", AttributeType.Text);
        var vip = await DefineAsync(owner, "vip", AttributeType.Checkbox);
        var anna = await ContactAsync("Anna");
        var ben = await ContactAsync("Ben");
        var cleo = await ContactAsync("Cleo");
        var dora = await ContactAsync("Dora");
        var emil = await ContactAsync("Emil");
        foreach (var (contact, value) in new[] { (anna, "9"), (ben, "10"), (cleo, "-3"), (emil, "100") })
        {
            await SetAsync(agent, contact, spent, value);
        }

        foreach (var (contact, value) in new[] { (anna, "2001-05-04"), (ben, "1990-12-31"), (dora, "1990-01-02") })
        {
            await SetAsync(agent, contact, birthday, value);
        }

        foreach (var (contact, value) in new[] { (anna, "berlin"), (ben, "Aachen"), (cleo, "Zwickau"), (dora, "bremen") })
        {
            await SetAsync(agent, contact, city, value);
        }

        await SetAsync(agent, cleo, vip, "true");
        await SetAsync(agent, ben, vip, "false");

        (await SortedAsync(agent, spent, descending: false)).ShouldBe(["Cleo", "Anna", "Ben", "Emil", "Dora"]);
        (await SortedAsync(agent, spent, descending: true)).ShouldBe(["Emil", "Ben", "Anna", "Cleo", "Dora"]);
        await using (var db = Database.CreateDbContext())
        {
            var exported = ContactService.Sorted(db, db.Contacts, new ContactQuery(Sort: ContactSort.Attribute, SortAttributeId: spent, Descending: false));
            (await exported.Select(c => c.Name).ToListAsync()).ShouldBe(["Cleo", "Anna", "Ben", "Emil", "Dora"]);
        }

        (await SortedAsync(agent, birthday, descending: false)).Take(3).ShouldBe(["Dora", "Ben", "Anna"]);
        (await SortedAsync(agent, birthday, descending: true)).Take(3).ShouldBe(["Anna", "Ben", "Dora"]);
        (await SortedAsync(agent, birthday, descending: true)).Skip(3).ShouldBe(["Cleo", "Emil"], ignoreOrder: true);
        (await SortedAsync(agent, city, descending: false)).ShouldBe(["Ben", "Anna", "Dora", "Cleo", "Emil"]);
        (await SortedAsync(agent, city, descending: true)).ShouldBe(["Cleo", "Dora", "Anna", "Ben", "Emil"]);
        (await SortedAsync(agent, vip, descending: false)).Take(2).ShouldBe(["Ben", "Cleo"]);
        (await SortedAsync(agent, vip, descending: true)).Take(2).ShouldBe(["Cleo", "Ben"]);
        (await SortedAsync(agent, vip, descending: true)).Skip(2).ShouldBe(["Anna", "Dora", "Emil"], ignoreOrder: true);
    }

    [Fact]
    public async Task Sort_ByAnAttribute_PagesWithoutGapsOrRepeats_TiesGoByIdInBothDirections_AndAFilterStillApplies()
    {
        var (owner, agent) = await TeamAsync();
        var tier = await DefineAsync(owner, "tier", AttributeType.List, "Gold", "Silber");
        var names = new[] { "Anna", "Ben", "Cleo", "Dora", "Emil", "Finn", "Gina" };
        var contacts = new List<BizInbox.Domain.Contacts.Contact>();
        foreach (var name in names)
        {
            contacts.Add(await ContactAsync(name));
        }

        foreach (var contact in contacts.Take(4))
        {
            await SetAsync(agent, contact, tier, contact.Name is "Anna" or "Cleo" ? "Gold" : "Silber");
        }

        foreach (var descending in new[] { false, true })
        {
            var all = await SortedAsync(agent, tier, descending);
            var paged = new List<string>();
            for (var page = 0; page < 4; page++)
            {
                paged.AddRange(await SortedAsync(agent, tier, descending, page, size: 2));
            }

            paged.ShouldBe(all);
            all.Count.ShouldBe(7);
            await using (var db = Database.CreateDbContext())
            {
                // The export reads every contact in one ordered query: the same order as the list's pages.
                var sortQuery = new ContactQuery(Sort: ContactSort.Attribute, SortAttributeId: tier, Descending: descending);
                (await ContactService.Sorted(db, db.Contacts, sortQuery).Select(c => c.Name).ToListAsync()).ShouldBe(all);
            }

            var byId = (descending ? contacts.OrderByDescending(c => c.Id) : contacts.OrderBy(c => c.Id)).Select(c => c.Name).ToList();
            all.Skip(4).ShouldBe(byId.Where(n => n is "Emil" or "Finn" or "Gina"));
            (descending ? all.Skip(2).Take(2) : all.Take(2)).ShouldBe(byId.Where(n => n is "Anna" or "Cleo"));
        }

        var filtered = await Contacts.PageAsync(As(agent), new ContactQuery("e", Sort: ContactSort.Attribute, SortAttributeId: tier, Descending: false));
        filtered.Rows.Select(r => r.Name).ShouldBe(["Cleo", "Ben", "Emil"]);
        filtered.Total.ShouldBe(3);
    }

    [Fact]
    public async Task SomeoneOutsideTheTeam_IsRefused()
    {
        var (owner, _) = await TeamAsync();
        var anna = await ContactAsync("Anna");
        var stranger = Database.Member(new ClaimsPrincipal(new ClaimsIdentity()));

        await ShouldFailWithAsync("team.not_allowed", () => Attributes.DefinitionsAsync(stranger));
        await ShouldFailWithAsync("team.not_allowed", () => Attributes.ValuesAsync(stranger, anna.Id));
        await ShouldFailWithAsync("team.not_allowed", () => Attributes.SaveValuesAsync(stranger, anna.Id, new Dictionary<int, string?>(), German));
        await ShouldFailWithAsync("team.not_allowed", () => Segments.ListAsync(stranger));
        (await Attributes.ListAsync(As(owner))).ShouldBeEmpty();
    }
}

public sealed class SqliteContactAttributeServiceTests() : ContactAttributeServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresContactAttributeServiceTests(PostgresServer postgres) : ContactAttributeServiceTests(DatabaseProvider.Postgres, postgres);
