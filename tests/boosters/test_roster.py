"""Reading a roster CSV: every bad row is reported, in words an editor can act on."""

from boosters.learners.roster import (
    RosterParse,
    RosterProblem,
    RosterRow,
    roster_parse,
    roster_problem_rows_csv,
)

HEADER = "email,first_name,last_name,time_zone,office,manager_name,manager_email\n"


def parse(text: str, **kwargs) -> RosterParse:
    return roster_parse(data=text.encode(), **kwargs)


def messages(result: RosterParse) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_a_good_file_gives_one_row_per_learner():
    result = parse(
        HEADER + "ana@example.com,Ana,Silva,Europe/London,London,Bea Lima,"
        "bea@example.com\nbob@example.com,Bob,Jones,,,,\n"
    )
    assert result.ok
    assert result.problems == ()
    assert result.rows == (
        RosterRow(
            line=2,
            email="ana@example.com",
            first_name="Ana",
            last_name="Silva",
            time_zone="Europe/London",
            office="London",
            manager_name="Bea Lima",
            manager_email="bea@example.com",
            email_as_written="ana@example.com",
        ),
        RosterRow(
            line=3,
            email="bob@example.com",
            first_name="Bob",
            last_name="Jones",
            email_as_written="bob@example.com",
        ),
    )


def test_optional_columns_may_be_left_out():
    result = parse("email,first_name,last_name\nana@example.com,Ana,Silva\n")
    assert result.ok
    assert result.rows[0].time_zone == ""
    assert result.rows[0].manager_email == ""


def test_values_are_stripped_and_email_is_lower_cased_keeping_the_original():
    result = parse(HEADER + "  Ana@Example.COM , Ana ,  Silva ,,,,\n")
    row = result.rows[0]
    assert (row.email, row.first_name, row.last_name) == (
        "ana@example.com",
        "Ana",
        "Silva",
    )
    assert row.email_as_written == "Ana@Example.COM"


def test_invalid_email_names_the_line_and_the_value():
    result = parse(
        HEADER + "a@example.com,A,A,,,,\nb@example.com,B,B,,,,\nana@@example.com,Ana,"
        "Silva,,,,\n"
    )
    assert not result.ok
    assert result.problems == (
        RosterProblem(
            line=4,
            column="email",
            message='Line 4: "ana@@example.com" is not a valid email address.',
        ),
    )


def test_invalid_manager_email_is_reported():
    result = parse(HEADER + "ana@example.com,Ana,Silva,,,Bea,bea-at-example.com\n")
    assert messages(result) == [
        'Line 2: "bea-at-example.com" is not a valid manager email address.'
    ]
    assert result.problems[0].column == "manager_email"


def test_unknown_time_zone_is_reported_with_a_suggestion():
    result = parse(HEADER + "ana@example.com,Ana,Silva,Europe/Londn,,,\n")
    [problem] = result.problems
    assert problem.line == 2
    assert problem.column == "time_zone"
    assert problem.message.startswith(
        'Line 2: "Europe/Londn" is not a time zone we know. '
        'Did you mean "Europe/London"?'
    )


def test_time_zone_nothing_like_a_real_one_gets_no_suggestion():
    result = parse(HEADER + "ana@example.com,Ana,Silva,Hogwarts,,,\n")
    assert "Did you mean" not in messages(result)[0]
    assert "Use an IANA name such as Europe/London" in messages(result)[0]


def test_time_zone_in_the_wrong_case_is_accepted_with_its_iana_spelling():
    result = parse(
        HEADER + "ana@example.com,Ana,Silva,europe/london,,,\n"
        "bob@example.com,Bob,Jones,AMERICA/SAO PAULO,,,\n"
    )
    assert result.ok
    assert [row.time_zone for row in result.rows] == [
        "Europe/London",
        "America/Sao_Paulo",
    ]


def test_duplicate_email_names_the_earlier_line():
    result = parse(
        HEADER + "ana@example.com,Ana,Silva,,,,\nbob@example.com,Bob,Jones,,,,\n"
        "ana@example.com,Ana,Again,,,,\n"
    )
    assert result.problems == (
        RosterProblem(
            line=4,
            column="email",
            message='Line 4: "ana@example.com" is already on line 2. '
            "Each learner may appear only once.",
        ),
    )
    assert [row.line for row in result.rows] == [2, 3]


def test_duplicate_email_in_a_different_case_is_still_a_duplicate():
    result = parse(HEADER + "ana@example.com,Ana,Silva,,,,\nANA@Example.com,A,S,,,,\n")
    assert messages(result) == [
        'Line 3: "ANA@Example.com" is already on line 2. '
        "Each learner may appear only once."
    ]


def test_a_third_copy_still_names_the_first_line():
    result = parse(HEADER + "a@example.com,A,A,,,,\n" * 3)
    assert [problem.message[:40] for problem in result.problems] == [
        'Line 3: "a@example.com" is already on li',
        'Line 4: "a@example.com" is already on li',
    ]
    assert all("on line 2." in message for message in messages(result))


def test_missing_required_values_are_each_reported():
    result = parse(HEADER + " ,Ana,,,,,\n")
    assert messages(result) == [
        "Line 2: The email is missing.",
        "Line 2: The last name is missing.",
    ]
    assert [problem.column for problem in result.problems] == ["email", "last_name"]


def test_a_short_row_counts_its_absent_cells_as_empty():
    result = parse(HEADER + "ana@example.com,Ana\n")
    assert messages(result) == ["Line 2: The last name is missing."]


def test_too_long_values_are_reported_with_the_limit():
    result = parse(HEADER + f"ana@example.com,{'A' * 151},Silva,,{'O' * 121},,\n")
    assert messages(result) == [
        "Line 2: The first name is 151 characters long; the most we can store is 150.",
        "Line 2: The office is 121 characters long; the most we can store is 120.",
    ]


def test_missing_required_column_lists_it_and_the_columns_found():
    result = parse("email,name\nana@example.com,Ana Silva\n")
    [problem] = result.problems
    assert problem.line is None
    assert problem.message.startswith(
        "The file has no first name or last name column; the columns found were "
        '"email", "name".'
    )
    assert result.rows == ()
    assert not result.ok


def test_a_column_given_twice_is_a_file_problem():
    result = parse("email,E-mail,first_name,last_name\na@example.com,b@x.com,A,B\n")
    assert messages(result) == [
        'The columns "email" and "E-mail" both hold the email. '
        "Keep one and delete the other."
    ]


def test_header_names_in_any_case_and_with_spaces_or_dashes_are_understood():
    result = parse(
        " E-Mail , First Name,LAST-NAME,Time Zone,Office,Manager name,Manager E-mail\n"
        "ana@example.com,Ana,Silva,UTC,Lisbon,Bea,bea@example.com\n"
    )
    assert result.ok
    assert result.rows[0].manager_email == "bea@example.com"
    assert result.rows[0].office == "Lisbon"


def test_unknown_columns_are_ignored_and_listed():
    result = parse("Employee ID,email,first_name,last_name\n17,ana@example.com,Ana,S\n")
    assert result.ok
    assert result.ignored_columns == ("Employee ID",)
    assert result.rows[0].email == "ana@example.com"


def test_utf8_byte_order_mark_is_ignored():
    data = "\ufeffemail,first_name,last_name\nana@example.com,José,Silva\n"
    result = roster_parse(data=data.encode("utf-8"))
    assert data.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert result.ok
    assert result.rows[0].first_name == "José"


def test_semicolon_separated_file_is_read():
    result = parse(
        "email;first_name;last_name;office\nana@example.com;Ana;Silva;São Paulo, BR\n"
    )
    assert result.ok
    assert result.rows[0].office == "São Paulo, BR"


def test_tab_separated_file_is_read():
    result = parse("email\tfirst_name\tlast_name\nana@example.com\tAna\tSilva\n")
    assert result.ok


def test_windows_line_endings_are_read():
    result = parse(
        "email,first_name,last_name\r\nana@example.com,Ana,Silva\r\n"
        "bob@example.com,Bob,Jones\r\n"
    )
    assert result.ok
    assert [row.last_name for row in result.rows] == ["Silva", "Jones"]


def test_blank_lines_are_skipped_but_still_counted():
    result = parse(
        HEADER + "\nana@example.com,Ana,Silva,,,,\n,,,,,,\n   \nbad,Bob,Jones,,,,\n\n"
    )
    assert [row.line for row in result.rows] == [3]
    assert messages(result) == ['Line 6: "bad" is not a valid email address.']


def test_quoted_fields_may_hold_commas_and_quotes():
    result = parse(
        'email,first_name,last_name,office\nana@example.com,"Ana, Jr.",'
        '"O""Brien","Lisbon, PT"\n'
    )
    assert result.ok
    row = result.rows[0]
    assert (row.first_name, row.last_name, row.office) == (
        "Ana, Jr.",
        'O"Brien',
        "Lisbon, PT",
    )


def test_line_numbers_count_a_multi_line_quoted_value_as_one_row():
    result = parse(
        'email,first_name,last_name,office\na@example.com,A,A,"Floor 2\nLisbon"\n'
        "oops,B,B,\n"
    )
    assert messages(result) == [
        "Line 2: The office contains a line break; it must fit on one line.",
        'Line 3: "oops" is not a valid email address.',
    ]


EXCEL_ROWS = [
    ["email", "first_name", "last_name", "office"],
    ["joao@example.com", "João", "Müller", "São Paulo"],
    ["zoe@example.com", "Zoë", "Ørsted", "Zürich"],
]


def excel_bytes(*, encoding: str, delimiter: str, bom: bytes = b"") -> bytes:
    text = "".join(delimiter.join(row) + "\r\n" for row in EXCEL_ROWS)
    return bom + text.encode(encoding)


def names(result: RosterParse) -> list[tuple[str, str, str]]:
    return [(row.first_name, row.last_name, row.office) for row in result.rows]


ACCENTED = [("João", "Müller", "São Paulo"), ("Zoë", "Ørsted", "Zürich")]


def test_excel_windows_csv_in_cp1252_is_read_with_its_accents():
    data = excel_bytes(encoding="cp1252", delimiter=",")
    assert b"Jo\xe3o" in data  # one byte per accented letter, not UTF-8
    result = roster_parse(data=data)
    assert result.ok
    assert names(result) == ACCENTED
    assert result.read_as == "Windows-1252, comma-separated"


def test_european_excel_csv_with_semicolons_in_cp1252_is_read():
    result = roster_parse(data=excel_bytes(encoding="cp1252", delimiter=";"))
    assert names(result) == ACCENTED
    assert result.read_as == "Windows-1252, semicolon-separated"


def test_excel_unicode_text_utf16_le_with_tabs_is_read():
    data = excel_bytes(encoding="utf-16-le", delimiter="\t", bom=b"\xff\xfe")
    result = roster_parse(data=data)
    assert result.ok
    assert names(result) == ACCENTED
    assert result.read_as == "UTF-16, tab-separated"


def test_utf16_be_with_a_byte_order_mark_is_read():
    data = excel_bytes(encoding="utf-16-be", delimiter="\t", bom=b"\xfe\xff")
    assert names(roster_parse(data=data)) == ACCENTED


def test_utf8_with_and_without_a_byte_order_mark_read_alike():
    plain = excel_bytes(encoding="utf-8", delimiter=",")
    for data in (plain, b"\xef\xbb\xbf" + plain):
        result = roster_parse(data=data)
        assert names(result) == ACCENTED
        assert result.read_as == "UTF-8, comma-separated"


def test_a_utf16_file_cut_short_is_one_clear_problem():
    data = excel_bytes(encoding="utf-16-le", delimiter="\t", bom=b"\xff\xfe")
    [problem] = roster_parse(data=data[:-1]).problems
    assert "UTF-16" in problem.message and "cut short" in problem.message


def test_bytes_no_encoding_can_read_give_one_clear_problem():
    # 0x81 is neither UTF-8 nor a Windows-1252 character.
    data = b"email,first_name,last_name\nana@example.com,Jos" + b"\x81,S\n"
    result = roster_parse(data=data)
    [problem] = result.problems
    assert problem.line is None
    assert "could not be recognised" in problem.message
    assert "line 2" in problem.message
    assert '"CSV UTF-8"' in problem.message
    assert result.rows == ()


def test_an_internationalised_email_address_is_accepted_as_written():
    result = parse(
        "email,first_name,last_name\nZoë.Müller@example.org,Zoë,Müller\n"
        "ana@exämple.org,Ana,Silva\n"
    )
    assert result.ok, messages(result)
    assert [row.email_as_written for row in result.rows] == [
        "Zoë.Müller@example.org",
        "ana@exämple.org",
    ]
    assert result.rows[0].email == "zoë.müller@example.org"


def test_non_ascii_letters_do_not_make_a_bad_address_good():
    result = parse("email,first_name,last_name\nzoë müller@example.org,Z,M\nzoë@,A,B\n")
    assert len(result.problems) == 2


def test_the_rows_with_problems_download_as_in_the_file_with_the_problem():
    result = roster_parse(
        data=(
            "Employee ID;email;first_name;last_name\n"
            "7;ana@example.com;Ana;Silva\n"
            "8;not-an-email;João;=HYPERLINK(1)\n"
            "9;bo@example.com;;Jones\n"
        ).encode("cp1252")
    )
    data = roster_problem_rows_csv(parse=result)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == [
        "Employee ID,email,first_name,last_name,problem",
        '8,not-an-email,João,\'=HYPERLINK(1),"""not-an-email"" is not a valid email '
        'address."',
        "9,bo@example.com,,Jones,The first name is missing.",
    ]


def test_no_problem_rows_download_nothing():
    assert (
        roster_problem_rows_csv(parse=parse(HEADER + "a@example.com,A,B,,,,\n")) == b""
    )


def test_excel_workbook_is_recognised():
    result = roster_parse(data=b"PK\x03\x04\x14\x00\x06\x00rest of a zip")
    assert "Excel workbook, not a CSV file" in messages(result)[0]


def test_empty_file_is_a_problem():
    assert messages(roster_parse(data=b"")) == ["The file is empty."]
    assert messages(parse("\n \n")) == ["The file is empty."]


def test_header_without_learners_is_a_problem():
    assert messages(parse(HEADER + "\n")) == [
        "The file has column names but no learners."
    ]


def test_too_many_rows_is_one_file_problem():
    result = parse(
        HEADER + "".join(f"u{n}@example.com,U,N,,,,\n" for n in range(4)), max_rows=3
    )
    assert messages(result) == [
        "The file has more than 3 learners, the most one import can take. "
        "Split it into smaller files."
    ]
    assert result.rows == ()


def test_exactly_max_rows_is_fine():
    result = parse(
        HEADER + "".join(f"u{n}@example.com,U,N,,,,\n" for n in range(3)), max_rows=3
    )
    assert result.ok


def test_a_file_with_several_problems_reports_all_of_them_and_keeps_good_rows():
    result = parse(
        HEADER + "ana@@example.com,Ana,Silva,,,,\n"
        "bob@example.com,,Jones,Mars/Olympus,,,\n"
        "cy@example.com,Cy,Hall,,,,\n"
        "CY@example.com,Cy,Hall,,,Dee,dee@\n"
    )
    assert not result.ok
    assert [(problem.line, problem.column) for problem in result.problems] == [
        (2, "email"),
        (3, "first_name"),
        (3, "time_zone"),
        (5, "manager_email"),
        (5, "email"),
    ]
    assert [row.line for row in result.rows] == [4]


def test_a_field_too_large_for_csv_is_a_problem_not_an_exception():
    result = parse(HEADER + f"a@example.com,{'x' * 200_000},B,,,,\n")
    assert "could not be read as CSV" in messages(result)[0]


def test_str_of_a_problem_is_its_message():
    problem = RosterProblem(line=None, column=None, message="The file is empty.")
    assert str(problem) == "The file is empty."


# Clean names at the door (hub.text): formatting stripped, control characters refused.


def test_invisible_formatting_is_stripped_and_spaces_collapse():
    result = parse(
        HEADER + "ana@example.com,\u200bAna\u200d,\u202eSilva  \ufeffCosta,,"
        "\u2066São  Paulo\u2069,Rui\u200e Costa,\n"
    )
    row = result.rows[0]
    assert (row.first_name, row.last_name, row.office, row.manager_name) == (
        "Ana",
        "Silva Costa",
        "São Paulo",
        "Rui Costa",
    )


def test_control_characters_are_refused_per_row_and_column_and_good_rows_kept():
    result = parse(
        HEADER
        + 'ana@example.com,"Ana\r\nMaria",Silva,,,,\n'
        + "bob@example.com,Bob,Jo\x00nes,,,,\n"
        + "cy@example.com,Cy,Doe,,Lis\tbon,Rui\x07Costa,\n"
        + "dee@example.com,Dee,Lee,,,,\n"
    )
    assert messages(result) == [
        "Line 2: The first name contains a line break; it must fit on one line.",
        "Line 3: The last name contains a control character (NUL); delete it "
        "and type the text again.",
        "Line 4: The office contains a tab; use a space instead.",
        "Line 4: The manager name contains a control character (U+0007); delete it "
        "and type the text again.",
    ]
    assert [(p.line, p.column) for p in result.problems] == [
        (2, "first_name"),
        (3, "last_name"),
        (4, "office"),
        (4, "manager_name"),
    ]
    assert [row.email for row in result.rows] == ["dee@example.com"]
    assert result.good_rows_importable


def test_a_nul_in_an_email_or_zone_is_one_clear_problem():
    result = parse(HEADER + "an\x00a@example.com,Ana,Silva,Europe/Lon\x00don,,,\n")
    assert messages(result) == [
        "Line 2: The email contains a control character (NUL); delete it and "
        "type the text again.",
        "Line 2: The time zone contains a control character (NUL); delete it and "
        "type the text again.",
    ]
