using System.Globalization;
using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Contacts;

/// <summary>
/// Custom contact attributes: owners and managers define, rename, reorder and delete them; every member reads them and
/// fills in a contact's values.
/// </summary>
public sealed class ContactAttributeService(IDbContextFactory<BizInboxDbContext> contexts)
{
    /// <summary>Every attribute in its order, for the contact forms and the list's filter.</summary>
    public async Task<IReadOnlyList<AttributeItem>> DefinitionsAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        return [.. (await Ordered(db).ToListAsync(ct)).Select(Definition)];
    }

    /// <summary>Every attribute with how many contacts have a value (Settings › Contact attributes).</summary>
    public async Task<IReadOnlyList<AttributeUsageRow>> ListAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var counts = await db.ContactAttributeValues.GroupBy(v => v.AttributeId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. (await Ordered(db).ToListAsync(ct)).Select(a => new AttributeUsageRow(Definition(a), counts.GetValueOrDefault(a.Id)))];
    }

    public async Task<int> CreateAsync(CurrentMember actor, AttributeInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var last = await db.ContactAttributes.MaxAsync(a => (int?)a.Position, ct) ?? -1;
        var attribute = AttributeDefinition.Define(input.Key, input.Name, input.Type, input.Description, input.Options, last + 1);
        if (await db.ContactAttributes.AnyAsync(a => a.Key == attribute.Key, ct))
        {
            throw new DomainException("attribute.key_taken", "Another attribute already has this key.");
        }

        db.ContactAttributes.Add(attribute);
        await db.SaveChangesAsync(ct);
        return attribute.Id;
    }

    /// <summary>Renames the attribute or changes its description or options; key and type stay.</summary>
    public async Task UpdateAsync(CurrentMember actor, int id, AttributeInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var attribute = await FindAsync(db, id, ct);
        attribute.Change(input.Name, input.Description, input.Options);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Swaps the attribute with its neighbour above (<paramref name="offset"/> -1) or below (+1).</summary>
    public async Task MoveAsync(CurrentMember actor, int id, int offset, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var attributes = await Ordered(db.ContactAttributes).ToListAsync(ct);
        var index = attributes.FindIndex(a => a.Id == id);
        var target = index + Math.Sign(offset);
        if (index < 0 || target < 0 || target >= attributes.Count)
        {
            return;
        }

        (attributes[index], attributes[target]) = (attributes[target], attributes[index]);
        for (var i = 0; i < attributes.Count; i++)
        {
            attributes[i].MoveTo(i);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes the attribute and every contact's value of it.</summary>
    public async Task DeleteAsync(CurrentMember actor, int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        await db.ContactAttributeValues.Where(v => v.AttributeId == id).ExecuteDeleteAsync(ct);
        await db.ContactAttributes.Where(a => a.Id == id).ExecuteDeleteAsync(ct);
    }

    /// <summary>The contact's values (canonical) by attribute id.</summary>
    public async Task<IReadOnlyDictionary<int, string>> ValuesAsync(CurrentMember actor, Guid contactId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        return await db.ContactAttributeValues.AsNoTracking().Where(v => v.ContactId == contactId).ToDictionaryAsync(v => v.AttributeId, v => v.Text, ct);
    }

    /// <summary>
    /// Saves what a member typed (by attribute id; empty removes the value), read in <paramref name="culture"/>. Returns the
    /// refusals by attribute id; when there is any, nothing is saved.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, DomainException>> SaveValuesAsync(
        CurrentMember actor, Guid contactId, IReadOnlyDictionary<int, string?> inputs, CultureInfo culture, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = await actor.RequireAsync(TeamRight.SeeContacts, ct);
        if (!await db.Contacts.AnyAsync(c => c.Id == contactId, ct))
        {
            throw new DomainException("contact.not_found", "This contact does not exist (any more).");
        }

        var attributes = await db.ContactAttributes.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var read = new Dictionary<int, AttributeValue?>();
        var errors = new Dictionary<int, DomainException>();
        foreach (var (id, input) in inputs.Where(i => attributes.ContainsKey(i.Key)))
        {
            try
            {
                read[id] = attributes[id].Read(input, culture);
            }
            catch (DomainException ex)
            {
                errors[id] = ex;
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var stored = await db.ContactAttributeValues.Where(v => v.ContactId == contactId).ToDictionaryAsync(v => v.AttributeId, ct);
        foreach (var (id, value) in read)
        {
            var row = stored.GetValueOrDefault(id);
            if (value is null && row is not null)
            {
                db.ContactAttributeValues.Remove(row);
            }
            else if (value is not null && row is not null)
            {
                row.Set(value);
            }
            else if (value is not null)
            {
                db.ContactAttributeValues.Add(ContactAttributeValue.Of(contactId, id, value));
            }
        }

        db.Record(new ContactChanged(contactId, new Domain.Team.TeamMember(me.Id, me.DisplayName)));
        await db.SaveChangesAsync(ct);
        return errors;
    }

    private static AttributeItem Definition(AttributeDefinition a) => new(a.Id, a.Key, a.Name, a.Type, a.Description, a.Options);

    private static IQueryable<AttributeDefinition> Ordered(BizInboxDbContext db) => Ordered(db.ContactAttributes.AsNoTracking());

    private static IQueryable<AttributeDefinition> Ordered(IQueryable<AttributeDefinition> attributes) => attributes.OrderBy(a => a.Position).ThenBy(a => a.Id);

    private static async Task<AttributeDefinition> FindAsync(BizInboxDbContext db, int id, CancellationToken ct) =>
        await db.ContactAttributes.FirstOrDefaultAsync(a => a.Id == id, ct)
        ?? throw new DomainException("attribute.not_found", "This attribute does not exist (any more).");
}
