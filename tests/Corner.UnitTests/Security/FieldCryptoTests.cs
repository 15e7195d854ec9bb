using System.Security.Cryptography;
using System.Text;
using Corner.Web.Data;
using Corner.Web.Security;

namespace Corner.UnitTests.Security;

public sealed class FieldCryptoTests
{
    private static readonly byte[] DataKey = RandomNumberGenerator.GetBytes(Aead.KeyLength);
    private static readonly FieldAddress Address = new("check_ins", "note", Guid.NewGuid());

    private static byte[] Seal(string text, FieldAddress address, int version = 1) =>
        Aead.Seal(DataKey, version, Encoding.UTF8.GetBytes(text), Aead.FieldAssociatedData(address, version));

    private static string Open(byte[] sealedData, FieldAddress address) =>
        Encoding.UTF8.GetString(Aead.Open(DataKey, sealedData, Aead.FieldAssociatedData(address, Aead.KeyVersionOf(sealedData))));

    [Fact]
    public void Seal_ThenOpen_ReturnsTheSameText()
    {
        const string text = "Je me sens vu 🌱 — مرحبا";
        Assert.Equal(text, Open(Seal(text, Address), Address));
    }

    [Fact]
    public void Seal_SameTextTwice_GivesDifferentCiphertexts()
    {
        Assert.NotEqual(Seal("same", Address), Seal("same", Address));
    }

    [Fact]
    public void Seal_DoesNotContainThePlaintext()
    {
        var sealedData = Seal("canary-plaintext-7f3a", Address);
        Assert.DoesNotContain("canary-plaintext-7f3a", Encoding.UTF8.GetString(sealedData), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]   // format byte
    [InlineData(3)]   // key version
    [InlineData(8)]   // nonce
    [InlineData(20)]  // tag
    [InlineData(-1)]  // last ciphertext byte
    public void Open_WhenABitIsFlipped_Fails(int position)
    {
        var sealedData = Seal("a secret", Address);
        var index = position < 0 ? sealedData.Length + position : position;
        sealedData[index] ^= 0x01;
        Assert.ThrowsAny<CryptographicException>(() => Open(sealedData, Address));
    }

    [Fact]
    public void Open_WhenMovedToAnotherRow_Fails()
    {
        var sealedData = Seal("a secret", Address);
        Assert.ThrowsAny<CryptographicException>(() => Open(sealedData, Address with { RowId = Guid.NewGuid() }));
    }

    [Fact]
    public void Open_WhenMovedToAnotherColumnOrTable_Fails()
    {
        var sealedData = Seal("a secret", Address);
        Assert.ThrowsAny<CryptographicException>(() => Open(sealedData, Address with { Column = "other" }));
        Assert.ThrowsAny<CryptographicException>(() => Open(sealedData, Address with { Table = "other" }));
    }

    [Fact]
    public void Unwrap_WithTheWrongOwner_Fails()
    {
        var master = new MasterKey(RandomNumberGenerator.GetBytes(32));
        var owner = Guid.NewGuid();
        var wrapped = master.Wrap(owner, 1, DataKey);
        Assert.Equal(DataKey, master.Unwrap(owner, 1, master.Id, wrapped));
        Assert.ThrowsAny<CryptographicException>(() => master.Unwrap(Guid.NewGuid(), 1, master.Id, wrapped));
    }

    [Fact]
    public void Rewrap_UnderANewMasterKey_KeepsEveryFieldReadable()
    {
        var oldMaster = new MasterKey(RandomNumberGenerator.GetBytes(32));
        var newMaster = new MasterKey(RandomNumberGenerator.GetBytes(32));
        var owner = Guid.NewGuid();
        var row = new DataKey { OwnerId = owner, Version = 1, WrappedKey = oldMaster.Wrap(owner, 1, DataKey), MasterKeyId = oldMaster.Id };
        var sealedData = Seal("still readable", Address);

        var rewrapped = MasterKeyRotation.Rewrap(row, oldMaster, newMaster);

        Assert.Equal(newMaster.Id, rewrapped.MasterKeyId);
        Assert.ThrowsAny<CryptographicException>(() => oldMaster.Unwrap(owner, 1, rewrapped.MasterKeyId, rewrapped.WrappedKey));
        var key = newMaster.Unwrap(owner, 1, rewrapped.MasterKeyId, rewrapped.WrappedKey);
        Assert.Equal("still readable", Encoding.UTF8.GetString(
            Aead.Open(key, sealedData, Aead.FieldAssociatedData(Address, 1))));
    }

    [Fact]
    public void MasterKey_OfTheWrongLength_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new MasterKey(new byte[16]));
    }
}
