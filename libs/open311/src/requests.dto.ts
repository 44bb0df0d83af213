import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsDefined, IsEmail, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsInstant, IsWholeNumber, QueryInstant, QueryInt, QueryList, QueryText } from '@whistle/http';

/** A form sends numbers as text; JSON may send either. Text that is no number stays text, for the validator to name. */
const FormNumber = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,3}(\.\d{1,12})?$/.test(value) ? Number(value) : value));

const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;

/** `attribute[…]` of a service request: the compound every service asks for (GET services/{code}). */
export class Open311AttributesRequest {
  @ApiProperty({ example: 'compound-xinghua-1', description: '小区: one of the keys GET services/{service_code} lists' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  compound!: string;
}

/** POST requests: GeoReport v2's fields, as a form (`attribute[compound]=…`) or JSON (`"attribute": { "compound": … }`). */
export class Open311ServiceRequestForm {
  @ApiPropertyOptional({ description: "the client's key (OPEN311_CLIENTS_FILE); required: missing, 400; unknown, 403" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  api_key?: string;

  @ApiPropertyOptional({ description: 'accepted and not used: this endpoint serves one jurisdiction' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  jurisdiction_id?: string;

  @ApiProperty({ example: 'fire_lane_blocked', description: 'a category of the catalogue (GET services)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  service_code!: string;

  @ApiProperty({ type: Open311AttributesRequest })
  @IsDefined({ message: 'attribute[compound] is required: the compound (小区) the problem is in, one of the keys GET services/{service_code} lists' })
  @ValidateNested()
  @Type(() => Open311AttributesRequest)
  attribute!: Open311AttributesRequest;

  @ApiPropertyOptional({ example: 39.9087 })
  @FormNumber()
  @IsOptional()
  @IsNumber({}, { message: 'lat must be a latitude in decimal degrees' })
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional({ example: 116.3975 })
  @FormNumber()
  @IsOptional()
  @IsNumber({}, { message: 'long must be a longitude in decimal degrees' })
  @Min(-180)
  @Max(180)
  long?: number;

  @ApiPropertyOptional({ example: '3号楼东侧', description: 'where in the compound; kept as the case’s location' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address_string?: string;

  @ApiPropertyOptional({ description: 'kept as the location when no address_string is given' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  address_id?: string;

  @ApiPropertyOptional({ description: 'accepted and not kept: intake keeps a reporter’s name and phone only' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'accepted and not kept' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  device_id?: string;

  @ApiPropertyOptional({ description: 'accepted and not kept' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  account_id?: string;

  @ApiPropertyOptional({ example: '三', description: 'with last_name, the reporter’s name (family name first), sealed as intake keeps personal data' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(25)
  first_name?: string;

  @ApiPropertyOptional({ example: '张' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(25)
  last_name?: string;

  @ApiPropertyOptional({ example: '13812345678', description: 'the reporter’s phone; with it (and a name, if any) the reporter is recorded, sealed' })
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'phone must be a phone number of 5 to 20 digits' })
  phone?: string;

  @ApiProperty({ example: '3号楼东侧消防通道被私家车占用', description: 'what the problem is; required here, as every case says what it is about' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1800)
  description!: string;

  @ApiPropertyOptional({ description: 'a picture’s address: added to the description, as the case keeps no media of its own' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'media_url must be an http or https URL' })
  @MaxLength(190)
  media_url?: string;
}

export const OPEN311_STATUSES = ['open', 'closed'] as const;

/** GET requests: the specification's filters, and the page extension most servers implement. */
export class Open311RequestListRequest {
  @ApiPropertyOptional({ description: 'ids separated by commas; overrides every other filter', isArray: true, maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 100 } })
  @QueryList()
  @IsOptional()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  @ArrayMaxSize(100)
  service_request_id?: string[];

  @ApiPropertyOptional({ description: 'service codes separated by commas', isArray: true, maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 100 } })
  @QueryList()
  @IsOptional()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  @ArrayMaxSize(100)
  service_code?: string[];

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00', description: 'requested at or after; with end_date at most 90 days apart' })
  @QueryInstant()
  @IsOptional()
  @IsInstant()
  start_date?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'requested at or before; the last 90 days when neither is given' })
  @QueryInstant()
  @IsOptional()
  @IsInstant()
  end_date?: string;

  @ApiPropertyOptional({ enum: OPEN311_STATUSES, isArray: true, description: 'open, closed, or both separated by a comma' })
  @QueryList()
  @IsOptional()
  @IsIn(OPEN311_STATUSES, { each: true })
  status?: ('open' | 'closed')[];

  @ApiPropertyOptional({ description: 'accepted and not used: this endpoint serves one jurisdiction' })
  @QueryText()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  jurisdiction_id?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @QueryInt()
  @IsOptional()
  @IsWholeNumber(1, 100_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 1000, description: 'the specification answers the first 1000 requests' })
  @QueryInt()
  @IsOptional()
  @IsWholeNumber(1, 1000)
  page_size?: number;
}

/** GET services and requests/{id} take only the jurisdiction, unused here. */
export class Open311JurisdictionRequest {
  @ApiPropertyOptional({ description: 'accepted and not used: this endpoint serves one jurisdiction' })
  @QueryText()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  jurisdiction_id?: string;
}
