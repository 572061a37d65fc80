using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ImAudit.Engine.Findings;

namespace ImAudit.Engine.Drift;

/// <summary>One run's finding counts by severity: a point of the trend a snapshot carries from run to run.</summary>
internal sealed record RunCounts(DateTimeOffset GeneratedAt, ImmutableArray<int> BySeverity)
{
    /// <summary>How many runs a trend keeps: the newest ones.</summary>
    public const int MaxRuns = 30;

    public int this[Severity severity] => (int)severity < BySeverity.Length ? BySeverity[(int)severity] : 0;

    public int Total => BySeverity.Sum();

    public static RunCounts Of(DateTimeOffset generatedAt, IEnumerable<Finding> findings)
    {
        var counts = new int[Enum.GetValues<Severity>().Length];
        foreach (var f in findings)
            counts[(int)f.Severity]++;
        return new RunCounts(generatedAt, [.. counts]);
    }

    /// <summary>
    /// The trend up to and including <paramref name="now"/>: the earlier runs before it (a run replayed against the
    /// same snapshot replaces nothing twice), oldest first, the newest <see cref="MaxRuns"/> kept.
    /// </summary>
    public static ImmutableArray<RunCounts> Extend(IEnumerable<RunCounts> earlier, RunCounts now) =>
        [.. earlier.Where(r => r.GeneratedAt < now.GeneratedAt).OrderBy(r => r.GeneratedAt).Append(now).TakeLast(MaxRuns)];

    /// <summary>Writes the snapshot's <c>trend</c>: <c>[{"generatedAt": …, "counts": {"critical": n, …}}, …]</c>.</summary>
    internal static void Write(Utf8JsonWriter w, IEnumerable<RunCounts> trend)
    {
        w.WriteStartArray("trend");
        foreach (var run in trend)
        {
            w.WriteStartObject();
            w.WriteString("generatedAt", run.GeneratedAt.ToString("O", CultureInfo.InvariantCulture));
            w.WriteStartObject("counts");
            foreach (var severity in Enum.GetValues<Severity>().Reverse())
                w.WriteNumber(severity.Name(), run[severity]);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// The snapshot's trend; a snapshot written before trends existed (no <c>trend</c>) is one run: its own time and
    /// findings. Entries that are not readable are skipped, and at most <see cref="MaxRuns"/> are kept.
    /// </summary>
    internal static ImmutableArray<RunCounts> Read(JsonElement root, DateTimeOffset generatedAt, IEnumerable<Finding> findings)
    {
        if (!root.TryGetProperty("trend", out var trend) || trend.ValueKind != JsonValueKind.Array)
            return [Of(generatedAt, findings)];
        var runs = new List<RunCounts>();
        foreach (var run in trend.EnumerateArray())
        {
            if (run.ValueKind != JsonValueKind.Object || !run.TryGetProperty("generatedAt", out var at) || at.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when)
                || !run.TryGetProperty("counts", out var counts) || counts.ValueKind != JsonValueKind.Object)
                continue;
            var bySeverity = Enum.GetValues<Severity>().Select(s => counts.TryGetProperty(s.Name(), out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var value) && value >= 0 ? value : 0);
            runs.Add(new RunCounts(when, [.. bySeverity]));
        }
        return [.. runs.OrderBy(r => r.GeneratedAt).TakeLast(MaxRuns)];
    }
}
