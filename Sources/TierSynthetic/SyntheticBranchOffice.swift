/// One branch office of the synthetic branch (a row of `branches`).
public struct SyntheticBranchOffice: Sendable {
    /// `branches.code`.
    public var code: String
    /// `branches.name`.
    public var name: String
    /// Shanghai districts its households live in (see ``ShanghaiAddresses/districts``
    /// for the names with road lists; others get generic road names).
    public var districts: [String]
    /// Relative share of households.
    public var weight: Int

    /// Makes a branch office.
    public init(code: String, name: String, districts: [String], weight: Int) {
        self.code = code
        self.name = name
        self.districts = districts
        self.weight = weight
    }

    /// Three offices covering the city.
    public static let defaultOffices: [SyntheticBranchOffice] = [
        SyntheticBranchOffice(code: "SH-PD", name: "上海分公司浦东支公司", districts: ["浦东新区"], weight: 40),
        SyntheticBranchOffice(code: "SH-XH", name: "上海分公司徐汇支公司",
                              districts: ["徐汇区", "闵行区", "长宁区", "松江区"], weight: 35),
        SyntheticBranchOffice(code: "SH-JA", name: "上海分公司静安支公司",
                              districts: ["静安区", "黄浦区", "普陀区", "虹口区", "杨浦区", "宝山区"], weight: 25),
    ]
}
