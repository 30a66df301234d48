/// Word lists for the generator: Cyrillic names like the real catalogue, fake personal data.
enum FakeNames {
    static let eventKinds = ["Концерт", "Спектакль", "Выставка", "Стендап", "Фестиваль", "Балет", "Лекция", "Мюзикл"]
    static let titles = [
        "Корпорация Кубиков", "Щелкунчик", "Ночь джаза", "Весенний блюз", "Три сестры", "Лебединое озеро",
        "Космос рядом", "Большой стендап", "Русские сезоны", "Огни города", "Северное сияние", "Мастер и Маргарита",
    ]
    static let places = ["ДК Железнодорожников", "ТЦ \"Смайл Сити\"", "Филармония", "Клуб «Космонавт»", "Театр драмы", "Арена"]
    static let streets = ["ул. Учебная, 48Д", "пр. Мира, 1", "ул. Ленина, 12", "наб. реки Мойки, 20", "ул. Баумана, 7"]
    static let firstNames = ["Иван", "Мария", "Алексей", "Ольга", "Дмитрий", "Анна", "Сергей", "Елена", "Пётр", "Наталья"]
    static let surnames = ["Петров", "Иванова", "Смирнов", "Кузнецова", "Попов", "Соколова", "Лебедев", "Новикова"]
    static let uniqidAlphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    /// Tariffs in kopecks; some with kopecks (1234.50, 999.90) so decoders meet floats.
    static let tariffsKopecks = [50_000, 80_000, 100_000, 150_000, 200_000, 350_000, 123_450, 99_990, 39_000, 220_075]
}
