namespace ImAudit.AwsEmulator;

/// <summary>One emulated service: names the operation (and resources, for faults), answers it, shapes its errors.</summary>
public interface IServiceHandler
{
    string Service { get; }

    (string Operation, IReadOnlyCollection<string> Resources) Identify(AwsRequest request);

    AwsReply Handle(AwsRequest request, string operation);

    AwsReply Error(string code, string message, int status);

    /// <summary>The code this service uses when it throttles, and its status.</summary>
    (string Code, int Status) Throttling { get; }

    (string Code, int Status) AccessDenied { get; }
}
