using System.Text.Json;
using ImAudit.Engine.Access;
using ImAudit.Engine.Catalog;
using ImAudit.Engine.Findings;
using ImAudit.Engine.Json;

namespace ImAudit.Engine.Reports;

/// <summary>
/// What <c>report.json</c> states once and refers to by id: shared lists of resources (the contacts principals can
/// page, the plans they reach, the roles they can pass) and principals' Incident Manager access. Each id is a digest
/// of the content, so principals reaching the same contacts name one group, in this run and the next. Filled while
/// the findings and principals are written, written last; owned by one report write.
/// </summary>
internal sealed class ReportGroups
{
    private readonly SortedDictionary<string, object> _groups = new(StringComparer.Ordinal);

    // Principals holding the same documents share one access object: its id is computed once.
    private readonly Dictionary<EffectiveAccess, string> _accessIds = new(ReferenceEqualityComparer.Instance);

    /// <summary>Writes <c>{"group": id, "count": n}</c> for a shared list and keeps the list for <see cref="Write"/>.</summary>
    public void WriteReference(Utf8JsonWriter w, ListDetail list)
    {
        _groups.TryAdd(list.SharedId!, list);
        Reference(w, list.SharedId!, list.Items.Length);
    }

    /// <summary>A principal's access, as a reference to the group of every principal with exactly that access.</summary>
    public void WriteReference(Utf8JsonWriter w, EffectiveAccess access)
    {
        if (!_accessIds.TryGetValue(access, out var id))
        {
            id = Finding.GroupId(access.Actions.Select(a =>
                $"{a.Action.FullName}\u001f{a.Action.AccessLevel.Display()}\u001f{string.Join("\u001e", a.Grants.Select(g => g.Display))}\u001f{a.IsConditional}"));
            _accessIds[access] = id;
            _groups.TryAdd(id, access);
        }
        Reference(w, id, access.Actions.Length);
    }

    /// <summary>The <c>groups</c> object: each group once, by id.</summary>
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject("groups");
        foreach (var (id, group) in _groups)
        {
            w.WritePropertyName(id);
            if (group is ListDetail list)
                FindingJson.WriteDetail(w, list with { SharedId = null });
            else
                WriteAccess(w, (EffectiveAccess)group);
            w.FlushIfFull();
        }
        w.WriteEndObject();
    }

    private static void Reference(Utf8JsonWriter w, string id, int count)
    {
        w.WriteStartObject();
        w.WriteString("group", id);
        w.WriteNumber("count", count);
        w.WriteEndObject();
    }

    private static void WriteAccess(Utf8JsonWriter w, EffectiveAccess access)
    {
        w.WriteStartArray();
        foreach (var a in access.Actions)
        {
            w.WriteStartObject();
            w.WriteString("action", a.Action.FullName);
            w.WriteString("accessLevel", a.Action.AccessLevel.Display());
            w.WritePropertyName("resources");
            w.WriteStringsInline(a.Grants.Select(g => g.Display));
            w.WriteBoolean("conditional", a.IsConditional);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
