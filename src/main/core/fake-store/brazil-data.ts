// Reference lists for realistic Brazilian records. Cities carry their UF, a CEP
// range start and the phone area code (DDD) so an address is internally consistent.

export const FIRST_NAMES = [
  'João',
  'José',
  'Antônio',
  'Francisco',
  'Luís',
  'Márcio',
  'Sérgio',
  'Fábio',
  'Cauê',
  'Otávio',
  'Vinícius',
  'Caio',
  'Thiago',
  'Lucas',
  'Rafael',
  'Gustavo',
  'André',
  'Rogério',
  'Flávio',
  'Heitor',
  'Maria',
  'Ana',
  'Ana Luíza',
  'Júlia',
  'Letícia',
  'Mônica',
  'Patrícia',
  'Cláudia',
  'Lúcia',
  'Bárbara',
  'Fernanda',
  'Camila',
  'Beatriz',
  'Luíza',
  'Débora',
  'Márcia',
  'Vitória',
  'Cecília',
  'Helena',
  'Conceição',
] as const;

export const LAST_NAMES = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Araújo',
  'Conceição',
  'Gonçalves',
  'Fonseca',
  'Magalhães',
  'Damião',
  'Assunção',
  'Brandão',
  'Falcão',
  'Simões',
  'Guimarães',
  'Lopes',
  'Ribeiro',
  'Carvalho',
  'Gomes',
  'Martins',
  'Rocha',
  'Almeida',
  'Nóbrega',
  'Patrício',
  'Barbosa',
  'Peçanha',
  'Lúcio',
  'Sá',
  'Loureiro',
  'Tavares',
] as const;

export const COMPANY_WORDS = [
  'Comércio',
  'Distribuidora',
  'Ateliê',
  'Papelaria',
  'Confecções',
  'Móveis',
  'Cosméticos',
  'Alimentos',
  'Calçados',
  'Artesanato',
] as const;

export interface City {
  readonly name: string;
  readonly uf: string;
  /** First five CEP digits of a range inside the city. */
  readonly cep: number;
  readonly ddd: string;
}

export const CITIES: readonly City[] = [
  { name: 'São Paulo', uf: 'SP', cep: 1000, ddd: '11' },
  { name: 'Campinas', uf: 'SP', cep: 13010, ddd: '19' },
  { name: 'Ribeirão Preto', uf: 'SP', cep: 14010, ddd: '16' },
  { name: 'Santos', uf: 'SP', cep: 11010, ddd: '13' },
  { name: 'Rio de Janeiro', uf: 'RJ', cep: 20010, ddd: '21' },
  { name: 'Niterói', uf: 'RJ', cep: 24020, ddd: '21' },
  { name: 'Belo Horizonte', uf: 'MG', cep: 30110, ddd: '31' },
  { name: 'Uberlândia', uf: 'MG', cep: 38400, ddd: '34' },
  { name: 'Vitória', uf: 'ES', cep: 29010, ddd: '27' },
  { name: 'Curitiba', uf: 'PR', cep: 80010, ddd: '41' },
  { name: 'Londrina', uf: 'PR', cep: 86010, ddd: '43' },
  { name: 'Florianópolis', uf: 'SC', cep: 88010, ddd: '48' },
  { name: 'Joinville', uf: 'SC', cep: 89201, ddd: '47' },
  { name: 'Porto Alegre', uf: 'RS', cep: 90010, ddd: '51' },
  { name: 'Goiânia', uf: 'GO', cep: 74003, ddd: '62' },
  { name: 'Brasília', uf: 'DF', cep: 70040, ddd: '61' },
  { name: 'Cuiabá', uf: 'MT', cep: 78005, ddd: '65' },
  { name: 'Campo Grande', uf: 'MS', cep: 79002, ddd: '67' },
  { name: 'Salvador', uf: 'BA', cep: 40010, ddd: '71' },
  { name: 'Recife', uf: 'PE', cep: 50010, ddd: '81' },
  { name: 'Fortaleza', uf: 'CE', cep: 60010, ddd: '85' },
  { name: 'São Luís', uf: 'MA', cep: 65010, ddd: '98' },
  { name: 'João Pessoa', uf: 'PB', cep: 58010, ddd: '83' },
  { name: 'Maceió', uf: 'AL', cep: 57020, ddd: '82' },
  { name: 'Aracaju', uf: 'SE', cep: 49010, ddd: '79' },
  { name: 'Teresina', uf: 'PI', cep: 64000, ddd: '86' },
  { name: 'Natal', uf: 'RN', cep: 59010, ddd: '84' },
  { name: 'Belém', uf: 'PA', cep: 66010, ddd: '91' },
  { name: 'Manaus', uf: 'AM', cep: 69005, ddd: '92' },
];

export const STREETS = [
  'Rua das Acácias',
  'Avenida Paulista',
  'Rua São João',
  'Rua Conceição',
  'Avenida Brasil',
  'Rua Dom Pedro II',
  'Rua Marechal Deodoro',
  'Travessa da Glória',
  'Rua Tiradentes',
  'Avenida Getúlio Vargas',
  'Rua XV de Novembro',
  'Rua Barão do Rio Branco',
  'Alameda Santos',
  'Rua José Bonifácio',
  'Rua Sete de Setembro',
] as const;

export const NEIGHBORHOODS = [
  'Centro',
  'Jardim América',
  'Vila Mariana',
  'Boa Vista',
  'Santa Cecília',
  'Liberdade',
  'Água Verde',
  'Botafogo',
  'Savassi',
  'Jardim Paulista',
  'Cidade Nova',
  'São José',
] as const;

export const PRODUCTS = [
  ['Camiseta Básica Algodão', 59.9],
  ['Calça Jeans Slim', 189.9],
  ['Tênis Corrida Leve', 349.9],
  ['Vestido Midi Floral', 219.0],
  ['Boné Aba Curva', 79.9],
  ['Mochila Executiva', 259.0],
  ['Sérum Facial Vitamina C', 119.9],
  ['Hidratante Corporal 400ml', 49.9],
  ['Café Especial 250g', 42.5],
  ['Caneca Cerâmica Artesanal', 65.0],
  ['Fone Bluetooth', 229.9],
  ['Capinha de Celular', 39.9],
  ['Jogo de Cama Casal', 299.0],
  ['Toalha de Banho Algodão Egípcio', 89.9],
  ['Perfume Floral 100ml', 399.0],
] as const;

export const BUNDLES = ['Kit Verão', 'Combo Skincare', 'Kit Café da Manhã'] as const;

export const EMAIL_DOMAINS = [
  'gmail.com',
  'hotmail.com',
  'outlook.com',
  'yahoo.com.br',
  'uol.com.br',
  'bol.com.br',
] as const;

export const SHIPMENT_SERVICES = ['PAC', 'SEDEX', 'Jadlog .Package', 'Loggi', 'Retirar na loja'] as const;

export const PROMO_CODES = ['BEMVINDO10', 'FRETEGRATIS', 'PIX5', 'BLACKFRIDAY', 'VOLTA15'] as const;

/** Removes accents and spaces to build e-mail local parts. */
export function asciiSlug(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}
