namespace ImAudit.Aws.Collection;

/// <summary>Where a collection is: a stage (<c>iam</c>, <c>response plans</c>, <c>contacts us-east-1</c>) and its count so far.</summary>
public sealed record CollectionProgress(string Stage, int Done, int? Total);
