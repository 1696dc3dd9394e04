//! A small OData v4-like Northwind service for the Dirigible document's example:
//! `/V4/Northwind/Northwind.svc/` lists entity sets, `/V4/Northwind/Northwind.svc/<Set>`
//! lists a few rows. `@odata.context` uses the Host the client sent, so a client that
//! connects with `Host: services.odata.org` sees that name.

use http::{Response, StatusCode};
use serde_json::{json, Value};

use crate::body::Body;
use crate::util::{self, Req};

const SERVICE: [&str; 3] = ["V4", "Northwind", "Northwind.svc"];

/// Entity sets and their rows; each set has a different row count so a client's per-set
/// output can be told apart.
fn entity_sets() -> Vec<(&'static str, Vec<Value>)> {
    vec![
        (
            "Categories",
            vec![
                json!({"CategoryID": 1, "CategoryName": "Beverages"}),
                json!({"CategoryID": 2, "CategoryName": "Condiments"}),
                json!({"CategoryID": 3, "CategoryName": "Confections"}),
            ],
        ),
        (
            "Customers",
            vec![
                json!({"CustomerID": "ALFKI", "CompanyName": "Alfreds Futterkiste", "Country": "Germany"}),
                json!({"CustomerID": "ANATR", "CompanyName": "Ana Trujillo Emparedados y helados", "Country": "Mexico"}),
                json!({"CustomerID": "AROUT", "CompanyName": "Around the Horn", "Country": "UK"}),
                json!({"CustomerID": "BERGS", "CompanyName": "Berglunds snabbköp", "Country": "Sweden"}),
            ],
        ),
        (
            "Employees",
            vec![
                json!({"EmployeeID": 1, "LastName": "Davolio", "FirstName": "Nancy"}),
                json!({"EmployeeID": 2, "LastName": "Fuller", "FirstName": "Andrew"}),
            ],
        ),
        (
            "Orders",
            vec![
                json!({"OrderID": 10248, "CustomerID": "VINET", "Freight": 32.38}),
                json!({"OrderID": 10249, "CustomerID": "TOMSP", "Freight": 11.61}),
                json!({"OrderID": 10250, "CustomerID": "HANAR", "Freight": 65.83}),
                json!({"OrderID": 10251, "CustomerID": "VICTE", "Freight": 41.34}),
                json!({"OrderID": 10252, "CustomerID": "SUPRD", "Freight": 51.3}),
            ],
        ),
        (
            "Products",
            vec![
                json!({"ProductID": 1, "ProductName": "Chai", "UnitPrice": 18.0}),
                json!({"ProductID": 2, "ProductName": "Chang", "UnitPrice": 19.0}),
                json!({"ProductID": 3, "ProductName": "Aniseed Syrup", "UnitPrice": 10.0}),
                json!({"ProductID": 4, "ProductName": "Chef Anton's Cajun Seasoning", "UnitPrice": 22.0}),
                json!({"ProductID": 5, "ProductName": "Chef Anton's Gumbo Mix", "UnitPrice": 21.35}),
                json!({"ProductID": 6, "ProductName": "Grandma's Boysenberry Spread", "UnitPrice": 25.0}),
            ],
        ),
        (
            "Regions",
            vec![json!({"RegionID": 1, "RegionDescription": "Eastern"})],
        ),
        (
            "Shippers",
            vec![
                json!({"ShipperID": 1, "CompanyName": "Speedy Express"}),
                json!({"ShipperID": 2, "CompanyName": "United Package"}),
                json!({"ShipperID": 3, "CompanyName": "Federal Shipping"}),
                json!({"ShipperID": 4, "CompanyName": "Jsrun Freight"}),
                json!({"ShipperID": 5, "CompanyName": "Loopback Logistics"}),
                json!({"ShipperID": 6, "CompanyName": "Localhost Lines"}),
                json!({"ShipperID": 7, "CompanyName": "Port Zero Movers"}),
            ],
        ),
        (
            "Suppliers",
            vec![
                json!({"SupplierID": 1, "CompanyName": "Exotic Liquids"}),
                json!({"SupplierID": 2, "CompanyName": "New Orleans Cajun Delights"}),
                json!({"SupplierID": 3, "CompanyName": "Grandma Kelly's Homestead"}),
                json!({"SupplierID": 4, "CompanyName": "Tokyo Traders"}),
                json!({"SupplierID": 5, "CompanyName": "Cooperativa de Quesos 'Las Cabras'"}),
                json!({"SupplierID": 6, "CompanyName": "Mayumi's"}),
                json!({"SupplierID": 7, "CompanyName": "Pavlova, Ltd."}),
                json!({"SupplierID": 8, "CompanyName": "Specialty Biscuits, Ltd."}),
            ],
        ),
    ]
}

fn odata_json(value: &Value) -> Response<Body> {
    let mut res = util::json(StatusCode::OK, value);
    util::set_header(
        &mut res,
        "content-type",
        "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
    );
    util::set_header(&mut res, "odata-version", "4.0");
    res
}

pub(crate) fn handle(req: &Req, segs: &[&str]) -> Response<Body> {
    if segs.len() < 3 || segs[..3] != SERVICE {
        return util::not_found();
    }
    let host = req.authority();
    let base = format!("https://{host}/V4/Northwind/Northwind.svc");
    let rest: Vec<&str> = segs[3..]
        .iter()
        .copied()
        .filter(|s| !s.is_empty())
        .collect();
    match rest.as_slice() {
        [] => {
            let sets: Vec<Value> = entity_sets()
                .iter()
                .map(|(name, _)| json!({"name": name, "kind": "EntitySet", "url": name}))
                .collect();
            odata_json(&json!({
                "@odata.context": format!("{base}/$metadata"),
                "value": sets,
            }))
        }
        ["$metadata"] => util::respond(
            StatusCode::OK,
            "application/xml",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><edmx:Edmx Version=\"4.0\" \
xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices/></edmx:Edmx>\n",
        ),
        [set] => match entity_sets().into_iter().find(|(name, _)| name == set) {
            Some((name, rows)) => odata_json(&json!({
                "@odata.context": format!("{base}/$metadata#{name}"),
                "value": rows,
            })),
            None => util::not_found(),
        },
        _ => util::not_found(),
    }
}
