using ImAudit.Engine.Drift;

namespace ImAudit.Cli;

/// <summary><c>--previous SNAPSHOT|DIR</c>: a snapshot file, or a report folder holding <c>snapshot.json</c>. Unreadable is a usage error.</summary>
internal static class PreviousSnapshot
{
    public static AuditSnapshot? Read(string? path)
    {
        if (path is null)
            return null;
        var file = Directory.Exists(path) ? Path.Combine(path, "snapshot.json") : path;
        if (!File.Exists(file))
            throw new UsageException(Directory.Exists(path) ? $"`{path}` holds no snapshot.json (write one with `imaudit scan --out {path}`)" : $"`{path}` does not exist");
        return AuditSnapshot.Read(PolicyFiles.ReadBytes(file), file, out var error) ?? throw new UsageException(error!);
    }
}
