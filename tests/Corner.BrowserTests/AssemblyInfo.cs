namespace Corner.BrowserTests;
