using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Corner.Web.Security;

/// <summary>Keeps Data Protection keys in PostgreSQL so every app node can read every cookie (sealed by the master key).</summary>
public sealed class DatabaseXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("select xml from data_protection_keys order by id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
            elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.CreateCommand("insert into data_protection_keys(friendly_name, xml) values ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// Seals each Data Protection key with the master key before it is stored, so a copy of the database
/// alone cannot forge or read cookies and tokens. Keys stored before this was added stay readable.
/// </summary>
public sealed class MasterKeyXmlEncryptor(MasterKey master) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedKey = Aead.Seal(master.Key, 1, plaintext, MasterKeyXmlDecryptor.AssociatedData(master.Id));
        var element = new XElement("sealedByMasterKey",
            new XAttribute("masterKeyId", master.Id),
            new XElement("value", Convert.ToBase64String(sealedKey)));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="MasterKeyXmlEncryptor"/> sealed. Data Protection creates it with the app's services.</summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var master = services.GetRequiredService<MasterKey>();
        var keyId = (string?)encryptedElement.Attribute("masterKeyId") ?? "";
        // A previous master key opens what it sealed while a rotation is under way.
        var sealer = master.Find(keyId)
            ?? throw new CryptographicException($"This Data Protection key was sealed by master key {keyId}, not {master.Id}.");
        return Open(sealer, encryptedElement);
    }

    internal static XElement Open(MasterKey sealer, XElement encryptedElement)
    {
        var sealedKey = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        var plaintext = Aead.Open(sealer.Key, sealedKey, AssociatedData(sealer.Id));
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }

    internal static byte[] AssociatedData(string masterKeyId) => Encoding.UTF8.GetBytes($"data-protection-key\n{masterKeyId}");
}

internal sealed class DatabaseXmlRepositorySetup(NpgsqlDataSource dataSource, MasterKey master) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        options.XmlRepository = new DatabaseXmlRepository(dataSource);
        options.XmlEncryptor = new MasterKeyXmlEncryptor(master);
    }
}
