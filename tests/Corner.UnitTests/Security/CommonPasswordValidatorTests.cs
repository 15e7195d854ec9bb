using Corner.Web.Data;
using Corner.Web.Security;

namespace Corner.UnitTests.Security;

public sealed class CommonPasswordValidatorTests
{
    [Theory]
    [InlineData("password")]
    [InlineData("Password123")]
    [InlineData("qwertyuiop")]
    [InlineData("iloveyou")]
    [InlineData("12345678")]
    [InlineData("99999999999")]
    [InlineData("aaaaaaaaaa")]
    [InlineData("abababab")]
    public void IsEasyToGuess_ForCommonPasswords_IsTrue(string password) =>
        Assert.True(CommonPasswordValidator.IsEasyToGuess(password));

    [Theory]
    [InlineData("a quiet walk by the river")]
    [InlineData("correct horse battery staple")]
    [InlineData("mañana-nos-vemos")]
    [InlineData("tb7#Lq2!")]
    public void IsEasyToGuess_ForPassphrases_IsFalse(string password) =>
        Assert.False(CommonPasswordValidator.IsEasyToGuess(password));

    [Fact]
    public void IsEasyToGuess_WhenItIsThePersonsOwnEmailOrName_IsTrue()
    {
        var person = new Person { Email = "sam.rivers@example.test", DisplayName = "Sam Rivers the great" };
        Assert.True(CommonPasswordValidator.IsEasyToGuess("sam.rivers@example.test", person));
        Assert.True(CommonPasswordValidator.IsEasyToGuess("sam.rivers", person));
        Assert.True(CommonPasswordValidator.IsEasyToGuess("Sam Rivers the great", person));
    }

    [Theory]
    [InlineData("four quiet\u0000 rivers", true)]
    [InlineData("four quiet\u001A rivers", true)]
    [InlineData("four quiet\nrivers", true)]
    [InlineData("four quiet rivers, ünïcödé and 🌙", false)]
    public void HasControlCharacters_FindsInvisibleCharacters(string password, bool expected) =>
        Assert.Equal(expected, CommonPasswordValidator.HasControlCharacters(password));
}
