using ImAudit.Engine.Drift;
using ImAudit.Engine.Organizations;

namespace ImAudit.Cli;

/// <summary><c>--previous SNAPSHOT|DIR</c>: a snapshot file, or a report folder holding <c>snapshot.json</c>. Unreadable is a usage error.</summary>
internal static class PreviousSnapshot
{
    public static AuditSnapshot? Read(string? path)
    {
        if (File(path) is not { } file)
            return null;
        var bytes = PolicyFiles.ReadBytes(file);
        if (OrganizationSnapshot.Recognises(bytes))
            throw new UsageException($"`{file}` is the snapshot of an organization audit; this scan is of one account");
        return AuditSnapshot.Read(bytes, file, out var error) ?? throw new UsageException(error!);
    }

    /// <summary>The previous snapshot of an organization audit (<c>scan DIR</c> over several accounts).</summary>
    public static OrganizationSnapshot? ReadOrganization(string? path)
    {
        if (File(path) is not { } file)
            return null;
        return OrganizationSnapshot.Read(PolicyFiles.ReadBytes(file), file, out var error) ?? throw new UsageException(error!);
    }

    private static string? File(string? path)
    {
        if (path is null)
            return null;
        var file = Directory.Exists(path) ? Path.Combine(path, "snapshot.json") : path;
        if (!System.IO.File.Exists(file))
            throw new UsageException(Directory.Exists(path) ? $"`{path}` holds no snapshot.json (write one with `imaudit scan --out {path}`)" : $"`{path}` does not exist");
        return file;
    }
}
