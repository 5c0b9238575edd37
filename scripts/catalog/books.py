"""Books: titles shoppers search for by title, author or genre (the author is the product's brand)."""

# (title, author, genre, popularity weight 0..1)
TITLES = [
    ("Atomic Habits", "James Clear", "self-help", 1.0),
    ("The Let Them Theory", "Mel Robbins", "self-help", 0.9),
    ("The Psychology of Money", "Morgan Housel", "personal finance", 0.8),
    ("Rich Dad Poor Dad", "Robert T. Kiyosaki", "personal finance", 0.7),
    ("The 7 Habits of Highly Effective People", "Stephen R. Covey", "self-help", 0.6),
    ("Thinking, Fast and Slow", "Daniel Kahneman", "psychology", 0.6),
    ("Sapiens: A Brief History of Humankind", "Yuval Noah Harari", "history", 0.7),
    ("Educated: A Memoir", "Tara Westover", "memoir", 0.6),
    ("Becoming", "Michelle Obama", "memoir", 0.6),
    ("Born a Crime", "Trevor Noah", "memoir", 0.5),
    ("The Body Keeps the Score", "Bessel van der Kolk", "psychology", 0.7),
    ("Outlive: The Science and Art of Longevity", "Peter Attia", "health", 0.7),
    ("Project Hail Mary", "Andy Weir", "science fiction", 0.9),
    ("The Martian", "Andy Weir", "science fiction", 0.6),
    ("Dune", "Frank Herbert", "science fiction", 0.9),
    ("Dune Messiah", "Frank Herbert", "science fiction", 0.5),
    ("The Three-Body Problem", "Cixin Liu", "science fiction", 0.6),
    ("Foundation", "Isaac Asimov", "science fiction", 0.4),
    ("Neuromancer", "William Gibson", "science fiction", 0.3),
    ("The Left Hand of Darkness", "Ursula K. Le Guin", "science fiction", 0.3),
    ("Fourth Wing", "Rebecca Yarros", "fantasy", 1.0),
    ("Iron Flame", "Rebecca Yarros", "fantasy", 0.9),
    ("Onyx Storm", "Rebecca Yarros", "fantasy", 0.9),
    ("A Court of Thorns and Roses", "Sarah J. Maas", "fantasy", 0.8),
    ("House of Earth and Blood", "Sarah J. Maas", "fantasy", 0.5),
    ("The Name of the Wind", "Patrick Rothfuss", "fantasy", 0.5),
    ("The Way of Kings", "Brandon Sanderson", "fantasy", 0.6),
    ("Mistborn: The Final Empire", "Brandon Sanderson", "fantasy", 0.5),
    ("The Hobbit", "J.R.R. Tolkien", "fantasy", 0.7),
    ("The Fellowship of the Ring", "J.R.R. Tolkien", "fantasy", 0.6),
    ("Harry Potter and the Sorcerer's Stone", "J.K. Rowling", "fantasy", 0.8),
    ("A Game of Thrones", "George R.R. Martin", "fantasy", 0.6),
    ("The Hunger Games", "Suzanne Collins", "young adult", 0.7),
    ("Sunrise on the Reaping", "Suzanne Collins", "young adult", 0.8),
    ("The Fault in Our Stars", "John Green", "young adult", 0.4),
    ("It Ends with Us", "Colleen Hoover", "romance", 0.8),
    ("Verity", "Colleen Hoover", "thriller", 0.7),
    ("Funny Story", "Emily Henry", "romance", 0.7),
    ("Beach Read", "Emily Henry", "romance", 0.5),
    ("The Housemaid", "Freida McFadden", "thriller", 0.8),
    ("The Silent Patient", "Alex Michaelides", "thriller", 0.6),
    ("Gone Girl", "Gillian Flynn", "thriller", 0.5),
    ("The Girl with the Dragon Tattoo", "Stieg Larsson", "thriller", 0.4),
    ("The Da Vinci Code", "Dan Brown", "thriller", 0.4),
    ("Where the Crawdads Sing", "Delia Owens", "literary fiction", 0.7),
    ("Tomorrow, and Tomorrow, and Tomorrow", "Gabrielle Zevin", "literary fiction", 0.6),
    ("Lessons in Chemistry", "Bonnie Garmus", "literary fiction", 0.6),
    ("James", "Percival Everett", "literary fiction", 0.6),
    ("Demon Copperhead", "Barbara Kingsolver", "literary fiction", 0.5),
    ("The Midnight Library", "Matt Haig", "literary fiction", 0.6),
    ("The Seven Husbands of Evelyn Hugo", "Taylor Jenkins Reid", "historical fiction", 0.7),
    ("All the Light We Cannot See", "Anthony Doerr", "historical fiction", 0.5),
    ("The Nightingale", "Kristin Hannah", "historical fiction", 0.6),
    ("The Women", "Kristin Hannah", "historical fiction", 0.8),
    ("Pride and Prejudice", "Jane Austen", "classics", 0.6),
    ("1984", "George Orwell", "classics", 0.7),
    ("Animal Farm", "George Orwell", "classics", 0.5),
    ("To Kill a Mockingbird", "Harper Lee", "classics", 0.6),
    ("The Great Gatsby", "F. Scott Fitzgerald", "classics", 0.6),
    ("One Hundred Years of Solitude", "Gabriel García Márquez", "classics", 0.5),
    ("Les Misérables", "Victor Hugo", "classics", 0.3),
    ("Crime and Punishment", "Fyodor Dostoevsky", "classics", 0.4),
    ("Don Quixote", "Miguel de Cervantes", "classics", 0.3),
    ("The Little Prince", "Antoine de Saint-Exupéry", "classics", 0.5),
    ("Frankenstein", "Mary Shelley", "classics", 0.4),
    ("Brave New World", "Aldous Huxley", "classics", 0.4),
    ("Salt, Fat, Acid, Heat", "Samin Nosrat", "cookbooks", 0.5),
    ("The Food Lab", "J. Kenji López-Alt", "cookbooks", 0.5),
    ("Half Baked Harvest Every Day", "Tieghan Gerard", "cookbooks", 0.3),
    ("The Complete Air Fryer Cookbook for Beginners", "Linda Larsen", "cookbooks", 0.4),
    ("Mastering the Art of French Cooking", "Julia Child", "cookbooks", 0.3),
    ("Python Crash Course", "Eric Matthes", "programming", 0.5),
    ("Clean Code", "Robert C. Martin", "programming", 0.4),
    ("The Pragmatic Programmer", "David Thomas and Andrew Hunt", "programming", 0.4),
    ("Designing Data-Intensive Applications", "Martin Kleppmann", "programming", 0.5),
    ("The Very Hungry Caterpillar", "Eric Carle", "children's books", 0.7),
    ("Goodnight Moon", "Margaret Wise Brown", "children's books", 0.6),
    ("Where the Wild Things Are", "Maurice Sendak", "children's books", 0.5),
    ("Dog Man: Big Jim Begins", "Dav Pilkey", "children's books", 0.7),
    ("Diary of a Wimpy Kid: Hot Mess", "Jeff Kinney", "children's books", 0.7),
    ("The Wild Robot", "Peter Brown", "children's books", 0.6),
    ("Wonder", "R.J. Palacio", "children's books", 0.5),
    ("Charlotte's Web", "E.B. White", "children's books", 0.5),
    ("Oh, the Places You'll Go!", "Dr. Seuss", "children's books", 0.6),
    ("The Anxious Generation", "Jonathan Haidt", "psychology", 0.7),
    ("Never Split the Difference", "Chris Voss", "business", 0.5),
    ("Good to Great", "Jim Collins", "business", 0.3),
    ("Zero to One", "Peter Thiel", "business", 0.4),
    ("The Lean Startup", "Eric Ries", "business", 0.4),
    ("Steve Jobs", "Walter Isaacson", "biography", 0.4),
    ("Elon Musk", "Walter Isaacson", "biography", 0.5),
    ("Team of Rivals", "Doris Kearns Goodwin", "history", 0.3),
    ("Guns, Germs, and Steel", "Jared Diamond", "history", 0.4),
    ("A Short History of Nearly Everything", "Bill Bryson", "science", 0.4),
    ("Cosmos", "Carl Sagan", "science", 0.4),
    ("Braiding Sweetgrass", "Robin Wall Kimmerer", "nature", 0.5),
    ("Milk and Honey", "Rupi Kaur", "poetry", 0.4),
    ("The Sun and Her Flowers", "Rupi Kaur", "poetry", 0.3),
    ("Watchmen", "Alan Moore", "graphic novels", 0.4),
    ("Maus", "Art Spiegelman", "graphic novels", 0.4),
    ("One Piece, Vol. 1", "Eiichiro Oda", "manga", 0.5),
    ("Demon Slayer: Kimetsu no Yaiba, Vol. 1", "Koyoharu Gotouge", "manga", 0.5),
    ("Chainsaw Man, Vol. 1", "Tatsuki Fujimoto", "manga", 0.5),
]

FORMATS = ["Paperback", "Hardcover", "Audio CD", "Large Print", "Box Set"]


def products(rng):
    """Each title in one to three formats; the first format listed is the most bought."""
    result = []
    for title, author, genre, weight in TITLES:
        count = rng.choice([1, 1, 2, 2, 3])
        formats = ["Paperback", "Hardcover"] if rng.random() < 0.7 else ["Hardcover", "Paperback"]
        formats += [f for f in rng.sample(FORMATS[2:], 1)]
        for rank, book_format in enumerate(formats[:count]):
            attributes = [genre, book_format.lower(), "english"]
            if weight >= 0.7:
                attributes.append("bestseller")
            popularity = round(100 * (weight * rng.uniform(0.6, 1.0) * 0.75**rank) ** 1.5)
            result.append(
                {
                    "name": f"{title} by {author} ({book_format})",
                    "brand": author,
                    "category": "books",
                    "attributes": attributes,
                    "popularity": max(0, min(100, popularity)),
                }
            )
    return result
