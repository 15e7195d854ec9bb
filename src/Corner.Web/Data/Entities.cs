using Microsoft.AspNetCore.Identity;

namespace Corner.Web.Data;

/// <summary>An account: one person who may share several bonds.</summary>
public sealed class Person : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>IANA time zone id, used for the person's local day and reminders.</summary>
    public string TimeZone { get; set; } = "Etc/UTC";

    public string Locale { get; set; } = "en";

    /// <summary>"system" (follow the device), "light" or "dark".</summary>
    public string Theme { get; set; } = "system";

    /// <summary>"person", or "counsellor" for an account that only reads what couples grant it (Features/Counsel).</summary>
    public string Kind { get; set; } = PersonKinds.Person;

    /// <summary>A counsellor's practice, shown to the couples they see; null for everyone else.</summary>
    public string? PracticeName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the person deleted their account: the row is an empty tombstone from then on.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}

public static class PersonKinds
{
    public const string Person = "person";
    public const string Counsellor = "counsellor";
}

public enum BondKind
{
    Partners,
    Spouses,
    ParentChild,
    Siblings,
    Friends,
    Other,
}

/// <summary>A relationship space of exactly two members.</summary>
public sealed class Bond
{
    public Guid Id { get; set; }
    public BondKind Kind { get; set; }

    /// <summary>The space's name, encrypted with the bond's data key.</summary>
    public byte[] NameCipher { get; set; } = [];

    public Guid CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class BondMember
{
    public Guid BondId { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset JoinedAt { get; set; }

    /// <summary>Set when the member leaves; a member who left sees nothing of the bond any more.</summary>
    public DateTimeOffset? LeftAt { get; set; }
}

/// <summary>A one-time link that lets the second person join a bond. Only the token's hash is stored.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; }
    public Guid BondId { get; set; }
    public byte[] TokenHash { get; set; } = [];
    public Guid CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RedeemedAt { get; set; }
    public Guid? RedeemedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A bond's or person's data key, wrapped by the master key held outside the database.</summary>
public sealed class DataKey
{
    public Guid OwnerId { get; set; }
    public int Version { get; set; }
    public byte[] WrappedKey { get; set; } = [];
    public string MasterKeyId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An append-only record of a security- or consent-relevant event. Never holds intimate text.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string Kind { get; set; } = "";
    public Guid? PersonId { get; set; }
    public Guid? BondId { get; set; }
    public string? Detail { get; set; }
}

/// <summary>An ASP.NET Data Protection key, shared between app nodes through the database.</summary>
public sealed class DataProtectionKeyRow
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}
