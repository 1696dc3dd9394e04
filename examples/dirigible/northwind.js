var httpClient = require("http/v4/client");
var httpClientAsync = require("http/v4/clientAsync");
var clientAsync = httpClientAsync.getInstnace();

var api = 'https://services.odata.org/V4/Northwind/Northwind.svc/';
var northWindResponse = httpClient.get(api, {
    params: [{
        name: "$format",
	value: "json"
    }]
});

var northWindEntities = JSON.parse(northWindResponse.text);

for (var i = 0; i < northWindEntities.value.length; i ++) {
    clientAsync.getAsync(api + northWindEntities.value[i].url, {
        success: function(response) {
	    var entity = JSON.parse(response.text);
	    console.error(entity["@odata.context"] + " : " + entity.value.length);
	}
    });
}
clientAsync.execute();
